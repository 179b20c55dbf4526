package org.stagedml.store.internal;

import java.io.IOException;
import java.util.Optional;
import org.stagedml.api.DRef;

/**
 * What gc holds while it deletes from one derivation: its lock (as collector), then its temporary
 * root exclusively, both tried without waiting and in this order, so that a build or a realize that
 * uses the derivation makes gc skip it and one that arrives meanwhile waits for the deletion.
 */
final class CollectorHold implements AutoCloseable {
    private final ProcessLocks.Held lock;
    private final TempRootFile.Hold exclusive;

    private CollectorHold(ProcessLocks.Held lock, TempRootFile.Hold exclusive) {
        this.lock = lock;
        this.exclusive = exclusive;
    }

    /** Both holds, or empty (and nothing held) when a build or a realize is using the derivation. */
    static Optional<CollectorHold> tryTake(FileStore store, TempRootLocks temps, DRef d) throws IOException {
        Optional<ProcessLocks.Held> lock = ProcessLocks.tryAcquire(store.layout.lockFile(d), true,
                ProcessLocks.Holder.COLLECTOR);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<TempRootFile.Hold> unused = temps.tryExclusive(d);
            if (unused.isEmpty()) {
                lock.get().close();
                return Optional.empty();
            }
            return Optional.of(new CollectorHold(lock.get(), unused.get()));
        } catch (IOException | RuntimeException e) {
            lock.get().close();
            throw e;
        }
    }

    @Override
    public void close() {
        exclusive.close();
        lock.close();
    }
}
