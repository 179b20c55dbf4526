package org.stagedml.store.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;

/**
 * Removes one realization, or a derivation with its realizations, on explicit request. Refuses what
 * others depend on (unless forced) and, always, what is locked by a running build or held by a
 * running realize's temporary root.
 */
final class Remover {
    private final FileStore store;

    Remover(FileStore store) {
        this.store = store;
    }

    void remove(Ref ref, boolean force) throws IOException {
        if (!store.exists(ref)) {
            throw new StagedmlException("cannot remove " + ref + ": it is not in the store at " + store.root());
        }
        DRef dref = ref.dref();
        List<RRef> targets = ref instanceof RRef r ? List.of(r) : store.realizationRefs(dref);
        if (!force) {
            refuseIfUsed(ref, targets);
        }
        Optional<ProcessLocks.Held> lock = ProcessLocks.tryAcquire(store.layout.lockFile(dref), true, ProcessLocks.Holder.COLLECTOR);
        if (lock.isEmpty()) {
            throw new StagedmlException("cannot remove " + ref + ": " + dref
                    + " is locked by a running build; try again when it has finished");
        }
        try (ProcessLocks.Held held = lock.get()) {
            Optional<TempRootFile.Hold> unused = store.tempRootLocks().tryExclusive(dref);
            if (unused.isEmpty()) {
                throw new StagedmlException("cannot remove " + ref + ": a running realize is using " + dref
                        + "; try again when it has finished");
            }
            try (TempRootFile.Hold exclusive = unused.get()) {
                removeLocked(ref, dref, targets);
            }
        }
    }

    /** Under the derivation's lock, with no temporary root on it. */
    private void removeLocked(Ref ref, DRef dref, List<RRef> targets) throws IOException {
        Set<DRef> busy = InUse.busy(store);
        busy.remove(dref); // its own lock is ours now; its own live builds do not read it
        if (InUse.closure(store, busy).contains(dref)) {
            throw new StagedmlException("cannot remove " + ref + ": a running build depends on " + dref
                    + "; try again when it has finished");
        }
        if (ref instanceof DRef) {
            targets = store.realizationRefs(dref); // including any committed meanwhile
        }
        for (RRef r : targets) {
            store.discard(store.layout.realizationDir(r));
            store.forget(r);
        }
        if (ref instanceof DRef d) {
            store.discard(store.layout.derivationDir(d));
            store.forget(d);
            store.checkpoints.removeAll(d); // a checkpoint of a removed derivation could never be resumed
        }
        store.log.info("removed " + ref + (ref instanceof DRef ? " with its " + targets.size() + " realization(s)" : "")
                + " from the store at " + store.root());
    }

    private void refuseIfUsed(Ref ref, List<RRef> targets) {
        Set<String> users = new TreeSet<>();
        if (ref instanceof DRef d) {
            store.dependents(d).forEach(x -> users.add(x + " (config)"));
        }
        Set<RRef> removed = new TreeSet<>(targets);
        for (RRef r : targets) {
            for (RRef referrer : store.referrers(r)) {
                if (!removed.contains(referrer)) {
                    users.add(referrer + " (context)");
                }
            }
        }
        // a root that cannot be read may point at what is removed: refuse rather than guess
        for (Map.Entry<String, Ref> root : store.rootFiles.readableOrRefuse("remove of " + ref).entrySet()) {
            Ref target = root.getValue();
            if (target.equals(ref) || (target instanceof RRef r && removed.contains(r))) {
                users.add("root '" + root.getKey() + "'");
            }
        }
        if (!users.isEmpty()) {
            List<String> shown = new ArrayList<>(users);
            String list = String.join(", ", shown.size() > 5 ? shown.subList(0, 5) : shown)
                    + (shown.size() > 5 ? " and " + (shown.size() - 5) + " more" : "");
            throw new StagedmlException("cannot remove " + ref + ": used by " + list
                    + "; remove those first, or force it");
        }
    }
}
