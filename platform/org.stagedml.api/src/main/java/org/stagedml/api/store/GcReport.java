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
 */
public record GcReport(boolean dryRun, List<Ref> removed, long bytes, int kept, List<Ref> skipped) {
    public GcReport {
        removed = List.copyOf(removed);
        skipped = List.copyOf(skipped);
    }
}
