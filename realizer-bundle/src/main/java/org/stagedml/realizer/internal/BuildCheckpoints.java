package org.stagedml.realizer.internal;

import java.io.IOException;
import org.stagedml.api.DRef;
import org.stagedml.api.store.Store;

/**
 * The realizer's part in resumable builds: a build's checkpoint area ({@code BuildContext.checkpoint()})
 * is deleted once its realization is committed (a checkpoint never outlives the build it was for),
 * and {@code --fresh} deletes a derivation's checkpoints before it builds (see NodeBuild).
 */
final class BuildCheckpoints {
    private BuildCheckpoints() {
    }

    /** After a commit: the checkpoints of that build go; a failure to delete them is only a warning (gc removes them later). */
    static void committed(Store store, DRef dref, int instance, RealizerLog log) {
        try {
            store.checkpoint(dref, instance, null).clear();
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete the checkpoints of " + dref + " (instance " + instance
                    + ") after its commit; store:gc removes them", e);
        }
    }
}
