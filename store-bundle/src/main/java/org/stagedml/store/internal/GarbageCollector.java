package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.CheckpointInfo;
import org.stagedml.api.store.GcReport;

/**
 * Mark and sweep over a snapshot of the store taken when the GC starts.
 *
 * <p>Marked (kept): the closure of the roots: a root DRef keeps its derivation and all its
 * realizations; a root RRef keeps that realization; a kept realization keeps its derivation and
 * the realizations of its context; a kept derivation keeps the derivations its config names. Work
 * in use is kept too: a derivation whose lock is held or that has a live build in {@code tmp/}
 * keeps all its realizations and, transitively, all realizations of its dependencies (the build
 * may be reading any of them).
 *
 * <p>Swept: the rest, except what is newer than the GC's start, and derivations whose lock cannot
 * be taken or on which a running realize holds a temporary root (reported as skipped). Removal
 * happens under the derivation's lock; a realization is first renamed out of {@code store-v1/}
 * so that it disappears at once.
 */
final class GarbageCollector {
    private final FileStore store;
    private final Map<DRef, List<RRef>> snapshot = new TreeMap<>();
    private final Map<RRef, RealizationInfo> infos = new HashMap<>();
    private final Set<DRef> keptDerivations = new HashSet<>();
    private final Set<RRef> keptRealizations = new HashSet<>();
    private final Map<DRef, Long> sizes = new HashMap<>(); // of removed derivation documents

    GarbageCollector(FileStore store) {
        this.store = store;
    }

    GcReport run(boolean dryRun) throws IOException {
        Instant start = Instant.now();
        String action = dryRun ? "gc --dry-run" : "gc";
        store.rootFiles.readableOrRefuse(action); // before anything is touched
        TempRootLocks temps = store.tempRootLocks();
        if (!dryRun) {
            store.cleanTmp();
        }
        // the order matters: a builder holds its lock from before its commit until after it has
        // rooted (or otherwise used) the result, so work committed before the start is seen
        // either as locked (checked first) or as rooted (read next); anything committed later
        // is missing from the snapshot or newer than the start
        Set<DRef> busy = InUse.busy(store);
        Map<String, Ref> roots = store.rootFiles.readableOrRefuse(action); // again: what counts is the state after busy
        for (DRef d : store.derivations()) {
            snapshot.put(d, store.realizationRefs(d));
        }
        for (Ref root : roots.values()) {
            if (root instanceof DRef d) {
                markDerivation(d, true);
            } else {
                markRealization((RRef) root);
            }
        }
        for (DRef d : busy) {
            markInUse(d);
        }

        List<Ref> removed = new ArrayList<>();
        List<Ref> skipped = new ArrayList<>();
        int total = 0;
        for (Map.Entry<DRef, List<RRef>> e : snapshot.entrySet()) {
            DRef d = e.getKey();
            total += 1 + e.getValue().size();
            List<RRef> doomed = new ArrayList<>();
            for (RRef r : e.getValue()) {
                if (!keptRealizations.contains(r)) {
                    RealizationInfo info = info(r);
                    if (info == null) {
                        continue; // vanished meanwhile
                    }
                    if (!info.finished().isBefore(start)) {
                        skipped.add(r);
                    } else {
                        doomed.add(r);
                    }
                }
            }
            boolean derivationDoomed = !keptDerivations.contains(d) && doomed.size() == e.getValue().size();
            if (derivationDoomed && !modifiedBefore(store.layout.derivationFile(d), start)) {
                skipped.add(d);
                derivationDoomed = false;
            }
            if (doomed.isEmpty() && !derivationDoomed) {
                continue;
            }
            collect(d, doomed, derivationDoomed, dryRun, temps, removed, skipped);
        }
        long bytes = 0;
        for (Ref r : removed) {
            bytes += r instanceof RRef rref ? info(rref).sizeBytes() : sizes.getOrDefault((DRef) r, 0L);
        }
        List<CheckpointInfo> checkpoints = new GcCheckpoints(store, temps, start, dryRun)
                .sweep(keptDerivations, removed, skipped);
        GcReport report = new GcReport(dryRun, removed, bytes, total - removed.size(), skipped, checkpoints);
        store.log.info((dryRun ? "gc dry run at " + store.root() + ": would remove " : "gc at " + store.root() + ": removed ")
                + removed.size() + " derivation(s) and realization(s), " + bytes + " bytes; kept " + report.kept()
                + ", skipped " + skipped.size() + " in use or newer than the gc; " + checkpoints.size() + " checkpoint(s)");
        return report;
    }

    /**
     * Removes what is doomed of one derivation, under its lock and only when no running realize
     * holds a temporary root on it (a realize holds one on every derivation it has listed, and may
     * have selected any of these realizations). Both are tried without waiting, in this order, so
     * that a realize arriving meanwhile waits for the removal and then lists what is left. What
     * it leaves goes to {@code skipped}.
     */
    private void collect(DRef d, List<RRef> doomed, boolean derivationDoomed, boolean dryRun,
            TempRootLocks temps, List<Ref> removed, List<Ref> skipped) throws IOException {
        Optional<CollectorHold> hold = CollectorHold.tryTake(store, temps, d);
        try {
            if (hold.isEmpty()) {
                skipped.addAll(doomed);
                if (derivationDoomed) {
                    skipped.add(d);
                }
                return;
            }
            for (RRef r : doomed) {
                removed.add(r);
                if (!dryRun) {
                    store.discard(store.layout.realizationDir(r));
                    store.forget(r);
                }
            }
            if (!derivationDoomed) {
                return;
            }
            if (!dryRun && !store.realizationRefs(d).isEmpty()) {
                skipped.add(d); // a realization was committed meanwhile
                return;
            }
            sizes.put(d, sizeOf(store.layout.derivationFile(d)));
            removed.add(d);
            if (!dryRun) {
                store.discard(store.layout.derivationDir(d));
                store.forget(d);
            }
        } finally {
            hold.ifPresent(CollectorHold::close);
        }
    }

    private RealizationInfo info(RRef r) {
        return infos.computeIfAbsent(r, k -> store.realization(k).orElse(null));
    }

    private void markDerivation(DRef root, boolean withRealizations) {
        Deque<DRef> work = new ArrayDeque<>();
        work.push(root);
        if (withRealizations) {
            snapshot.getOrDefault(root, List.of()).forEach(this::markRealization);
        }
        while (!work.isEmpty()) {
            DRef d = work.pop();
            if (!keptDerivations.add(d)) {
                continue;
            }
            dependencies(d).forEach(work::push);
        }
    }

    private void markRealization(RRef root) {
        Deque<RRef> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            RRef r = work.pop();
            if (!keptRealizations.add(r)) {
                continue;
            }
            markDerivation(r.dref(), false);
            RealizationInfo info = info(r);
            if (info != null) {
                info.context().values().forEach(list -> list.forEach(work::push));
            }
        }
    }

    /** Keeps a derivation in use and every realization of it and of its transitive dependencies. */
    private void markInUse(DRef d) {
        Deque<DRef> work = new ArrayDeque<>();
        Set<DRef> seen = new HashSet<>();
        work.push(d);
        while (!work.isEmpty()) {
            DRef x = work.pop();
            if (seen.add(x)) {
                markDerivation(x, true);
                dependencies(x).forEach(work::push);
            }
        }
    }

    /** A kept derivation's dependencies; a derivation that cannot be read stops the gc (it may keep anything). */
    private Set<DRef> dependencies(DRef d) {
        try {
            return InUse.dependencies(store, d);
        } catch (StagedmlException e) {
            throw new StagedmlException("gc refused: " + d + " is kept but its derivation cannot be read, so gc cannot tell"
                    + " what it depends on (" + e.getMessage() + "); run store:verify, then restore or remove it", e);
        }
    }

    private static boolean modifiedBefore(Path file, Instant start) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(start);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0; // removed meanwhile: nothing to count
        }
    }

}
