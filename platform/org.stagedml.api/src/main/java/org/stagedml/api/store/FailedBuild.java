package org.stagedml.api.store;

import java.nio.file.Path;
import java.time.Instant;
import org.stagedml.api.DRef;

/**
 * A failed build kept aside by {@link Store#keepFailedBuild} (outside the store: never a
 * realization, never collected by a plain gc).
 *
 * @param dref the derivation whose build failed
 * @param failed when it failed
 * @param folder its folder: the output folder as the build left it ({@link #out()}), the derivation
 *        (config), the dependency paths it had and its log
 * @since 0.5
 */
public record FailedBuild(DRef dref, Instant failed, Path folder) {
    /** The output folder as the build left it. */
    public Path out() {
        return folder.resolve("out");
    }
}
