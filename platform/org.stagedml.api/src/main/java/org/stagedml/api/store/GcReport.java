package org.stagedml.api.store;

import java.util.List;
import org.stagedml.api.Ref;

/**
 * What a GC removed, or would remove in a dry run.
 *
 * @param dryRun whether anything was actually removed
 * @param removed derivations and realizations removed (or removable)
 * @param bytes their total size
 * @param kept how many derivations plus realizations were kept
 * @param skipped refs kept only because they were locked or newer than the GC's start
 * @param checkpoints the checkpoints removed (or removable); since 0.6
 */
public record GcReport(boolean dryRun, List<Ref> removed, long bytes, int kept, List<Ref> skipped,
        List<CheckpointInfo> checkpoints) {
    public GcReport {
        removed = List.copyOf(removed);
        skipped = List.copyOf(skipped);
        checkpoints = List.copyOf(checkpoints == null ? List.of() : checkpoints);
    }

    /** A report without checkpoints (as in version 0.5 of this package). */
    public GcReport(boolean dryRun, List<Ref> removed, long bytes, int kept, List<Ref> skipped) {
        this(dryRun, removed, bytes, kept, skipped, List.of());
    }
}
