package org.stagedml.store.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stagedml.api.DRef;
import org.stagedml.api.Ref;
import org.stagedml.api.store.CheckpointInfo;

/**
 * The checkpoint part of a gc: removes the checkpoints of derivations the gc does not keep (or
 * that are gone), and those of kept derivations not saved for longer than the store's
 * {@link StoreOptions#checkpointMaxAge}. A derivation whose lock is held (its build is running
 * and may be saving) or on which a realize holds a temporary root keeps its checkpoints.
 */
final class GcCheckpoints {
    private final FileStore store;
    private final TempRootLocks temps;
    private final Instant start;
    private final boolean dryRun;

    GcCheckpoints(FileStore store, TempRootLocks temps, Instant start, boolean dryRun) {
        this.store = store;
        this.temps = temps;
        this.start = start;
        this.dryRun = dryRun;
    }

    /** What was removed (or would be); {@code skipped} are the refs the gc left because they were new or in use. */
    List<CheckpointInfo> sweep(Set<DRef> kept, List<Ref> removed, List<Ref> skipped) throws IOException {
        List<CheckpointInfo> all = store.checkpoints.list();
        List<CheckpointInfo> gone = new ArrayList<>();
        for (DRef d : store.checkpoints.derivations()) {
            boolean unneeded = !kept.contains(d) && !skipped.contains(d);
            List<CheckpointInfo> doomed = new ArrayList<>();
            for (CheckpointInfo c : all) {
                if (c.dref().equals(d) && (unneeded || tooOld(c))) {
                    doomed.add(c);
                }
            }
            if (!unneeded && doomed.isEmpty()) {
                continue;
            }
            Optional<CollectorHold> hold = CollectorHold.tryTake(store, temps, d);
            try {
                if (hold.isEmpty()) {
                    continue; // a build or a realize is using it
                }
                gone.addAll(doomed);
                if (dryRun) {
                    continue;
                }
                if (unneeded) {
                    store.checkpoints.removeAll(d); // also what a save cut short left
                } else {
                    for (CheckpointInfo c : doomed) {
                        store.checkpoints.remove(c);
                    }
                }
            } finally {
                hold.ifPresent(CollectorHold::close);
            }
        }
        return gone;
    }

    private boolean tooOld(CheckpointInfo c) {
        return store.checkpointMaxAge != null && c.saved().isBefore(start.minus(store.checkpointMaxAge));
    }
}
