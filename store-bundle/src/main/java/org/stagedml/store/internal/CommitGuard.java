package org.stagedml.store.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Holds the derivation lock around the rename that publishes a realization, so that a GC or a
 * remove (which take that lock before deleting anything of a derivation) cannot delete the
 * derivation under it. When a builder of this JVM already holds the lock, it is the committer
 * itself (the realizer locks while it builds and commits), so the commit goes ahead; otherwise it
 * waits for the lock. A commit made without the lock while another process builds the same
 * derivation therefore waits until that build releases it.
 */
final class CommitGuard implements AutoCloseable {
    private final ProcessLocks.Held held;

    private CommitGuard(ProcessLocks.Held held) {
        this.held = held;
    }

    static CommitGuard take(Path lockFile) throws IOException {
        if (ProcessLocks.heldByBuilderInThisJvm(lockFile)) {
            return new CommitGuard(null);
        }
        try {
            return new CommitGuard(ProcessLocks.acquire(lockFile, -1).orElseThrow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to commit (lock " + lockFile + ")");
        }
    }

    @Override
    public void close() {
        if (held != null) {
            held.close();
        }
    }
}
