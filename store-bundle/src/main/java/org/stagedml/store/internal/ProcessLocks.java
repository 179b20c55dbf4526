package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive locks on files that work across threads and across processes. A file lock alone is not
 * enough inside one JVM (a second lock throws OverlappingFileLockException, and closing any channel
 * on the file drops every lock the process holds on it), so each file first gets an in-JVM lock;
 * only its holder opens the file. The registry is JVM-wide (static) so that several store
 * instances on one root in one JVM behave like separate processes.
 */
final class ProcessLocks {
    private static final Map<Path, JvmLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 20;

    private ProcessLocks() {
    }

    /** Who may hold a lock: a builder (the realizer, a user) or the store's own GC and remove. */
    enum Holder { BUILDER, COLLECTOR }

    /** The in-JVM part: a monitor-based lock that knows what kind of holder has it. */
    private static final class JvmLock {
        private boolean held;
        private Holder holder;

        synchronized boolean acquire(long timeoutNanos, Holder who) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (held) {
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            held = true;
            holder = who;
            return true;
        }

        synchronized void release() {
            held = false;
            holder = null;
            notifyAll();
        }

        synchronized boolean heldBy(Holder who) {
            return held && holder == who;
        }
    }

    /** A held lock; {@link #close()} releases the file lock and the in-JVM lock (from any thread). */
    static final class Held implements AutoCloseable {
        private final JvmLock jvmLock;
        private FileChannel channel;
        private FileLock lock;

        private Held(JvmLock jvmLock, FileChannel channel, FileLock lock) {
            this.jvmLock = jvmLock;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public synchronized void close() {
            if (channel == null) {
                return;
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it anyway
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            channel = null;
            lock = null;
            jvmLock.release();
        }
    }

    private static JvmLock jvmLock(Path file) {
        return JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new JvmLock());
    }

    /** True when some thread of this JVM holds the lock on this file as a builder. */
    static boolean heldByBuilderInThisJvm(Path file) {
        JvmLock l = JVM_LOCKS.get(file.toAbsolutePath().normalize());
        return l != null && l.heldBy(Holder.BUILDER);
    }

    /**
     * Takes the lock as a builder, waiting at most {@code timeoutNanos} (negative: forever; 0: one
     * try). Empty when the time ran out. Creates the file if needed.
     */
    static Optional<Held> acquire(Path file, long timeoutNanos) throws IOException, InterruptedException {
        return acquire(file, timeoutNanos, true, Holder.BUILDER);
    }

    /**
     * As {@link #acquire(Path, long)}; with {@code create} false a missing file is not created and
     * gives empty (the janitor must never re-create a lock file that its owner may be checking).
     */
    static Optional<Held> acquire(Path file, long timeoutNanos, boolean create, Holder who)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        JvmLock jvmLock = jvmLock(file);
        if (!jvmLock.acquire(timeoutNanos, who)) {
            return Optional.empty();
        }
        boolean done = false;
        FileChannel channel = null;
        try {
            try {
                channel = create ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                        : FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                if (create) {
                    throw e;
                }
                return Optional.empty();
            }
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // cannot happen while we hold the in-JVM lock; treat as busy
                }
                if (lock != null) {
                    done = true;
                    return Optional.of(new Held(jvmLock, channel, lock));
                }
                if (timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                    return Optional.empty();
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the lock " + file);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            if (!done) {
                if (channel != null) {
                    channel.close();
                }
                jvmLock.release();
            }
        }
    }

    /** One try, without waiting. */
    static Optional<Held> tryAcquire(Path file, boolean create, Holder who) throws IOException {
        try {
            return acquire(file, 0, create, who);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
