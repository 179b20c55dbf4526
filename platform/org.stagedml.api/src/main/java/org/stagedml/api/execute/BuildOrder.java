package org.stagedml.api.execute;

import java.util.List;
import java.util.Map;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/**
 * What a remote build must do: build the derivation {@code dref} (its derivation document is in the
 * store) against exactly the dependency realizations the submitter selected, as many times as the
 * submitter's matcher and instances say after a re-check under the derivation's lock. A plain
 * record, so that an executor can pass it to the remote side as JSON.
 *
 * @param dref the derivation to build
 * @param dependencies for each dependency, the realizations the submitter selected
 * @param matcher the matcher spec deciding how many builds are still needed (null: the stage's own)
 * @param instances build until at least this many realizations exist (as {@code --instances})
 * @param force build regardless of what exists (as many as {@code instances})
 */
public record BuildOrder(DRef dref, Map<DRef, List<RRef>> dependencies, String matcher, int instances,
        boolean force) {
    public BuildOrder {
        if (dref == null) {
            throw new IllegalArgumentException("a build order needs a derivation");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        dependencies = Map.copyOf(dependencies == null ? Map.of() : dependencies);
    }
}
