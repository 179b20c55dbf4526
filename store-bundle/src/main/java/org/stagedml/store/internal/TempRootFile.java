package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reader/writer locks on single bytes of one file, one byte per derivation (see TempRootLocks):
 * shared by holders of temporary roots, taken exclusively, without waiting, by gc and remove.
 *
 * <p>POSIX drops every lock a process holds on a file when any channel on it closes, and a JVM
 * may hold a range only once, so each JVM opens the file once (while it holds anything through
 * it) and counts its sharers per byte here.
 */
final class TempRootFile {
    private static final long POLL_MILLIS = 20;

    private final Path file;
    private final Map<Long, Region> regions = new HashMap<>(); // guarded by this
    private FileChannel channel; // open while regions is not empty; guarded by this
    private boolean lockable = true; // guarded by this

    /** What this JVM holds on one derivation's byte. */
    private static final class Region {
        private int sharers;
        private boolean exclusive;
        private boolean acquiring; // a sharer is taking the file lock; other sharers wait for it
        private FileLock lock;

        boolean idle() {
            return sharers == 0 && !exclusive && !acquiring;
        }
    }

    TempRootFile(Path file) {
        this.file = file;
    }

    /** One hold; {@link #close()} is idempotent and may be called from any thread. */
    final class Hold implements AutoCloseable {
        private final long offset;
        private boolean closed;

        private Hold(long offset) {
            this.offset = offset;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    /**
     * Shares the byte; waits while gc or remove (of this JVM or another process) holds it
     * exclusively, which they do only while deleting. Interruptible.
     */
    Hold share(long offset) throws IOException, InterruptedException {
        Region region;
        synchronized (this) {
            while (true) {
                region = regions.computeIfAbsent(offset, k -> new Region());
                if (!region.exclusive && !region.acquiring) {
                    break;
                }
                wait();
            }
            if (region.sharers > 0) {
                region.sharers++;
                return new Hold(offset);
            }
            region.acquiring = true;
        }
        FileLock lock = null;
        boolean held = false;
        try {
            while (!held) {
                lock = tryLock(offset, true);
                held = lock != null || !lockable();
                if (!held) {
                    Thread.sleep(POLL_MILLIS); // another process's gc is deleting this derivation
                }
            }
        } finally {
            synchronized (this) {
                region.acquiring = false;
                if (held) {
                    region.lock = lock;
                    region.sharers = 1;
                } else {
                    forgetIfIdle(offset, region);
                }
                notifyAll();
            }
        }
        return new Hold(offset);
    }

    /** Takes the byte exclusively if nobody holds it, without waiting; empty when someone does. */
    synchronized Optional<Hold> tryExclusive(long offset) throws IOException {
        if (regions.containsKey(offset)) {
            return Optional.empty(); // held or being taken in this JVM
        }
        Region region = new Region();
        regions.put(offset, region);
        FileLock lock;
        try {
            lock = tryLock(offset, false);
        } catch (IOException | RuntimeException e) {
            forgetIfIdle(offset, region);
            throw e;
        }
        if (lock == null) {
            forgetIfIdle(offset, region);
            return Optional.empty();
        }
        region.lock = lock;
        region.exclusive = true;
        return Optional.of(new Hold(offset));
    }

    /**
     * One try; null when someone else holds the range, or when the store is read-only and has no
     * temp-roots file (see {@link #lockable()}).
     */
    private synchronized FileLock tryLock(long offset, boolean shared) throws IOException {
        if (channel == null && !open()) {
            return null;
        }
        try {
            return channel.tryLock(offset, 1, shared);
        } catch (OverlappingFileLockException e) {
            return null; // cannot happen: every range of this file is taken through this object
        } catch (NonWritableChannelException e) {
            throw new IOException("cannot take " + file + " exclusively: the store is read-only", e);
        }
    }

    /**
     * Opens the file for the first hold. A read-only store still serves realizes: a shared lock
     * only needs to read, and without the file nobody can be deleting anything through it.
     */
    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (FileSystemException writeRefused) { // read-only file system, or no write permission
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException missing) {
                lockable = false;
                return false;
            }
        }
        lockable = true;
        return true;
    }

    /** False after a read-only store without a temp-roots file was met: holds then go unlocked. */
    private synchronized boolean lockable() {
        return lockable;
    }

    private synchronized void release(Hold hold) {
        if (hold.closed) {
            return;
        }
        hold.closed = true;
        Region region = regions.get(hold.offset);
        if (region.exclusive) {
            region.exclusive = false;
        } else {
            region.sharers--;
        }
        if (region.sharers == 0 && region.lock != null) {
            try {
                region.lock.release();
            } catch (IOException ignored) {
                // the channel is closed below once nothing is held; that releases it anyway
            }
            region.lock = null;
        }
        forgetIfIdle(hold.offset, region);
        notifyAll();
    }

    /** Drops an unused region, and closes the file once nothing is held through it. */
    private void forgetIfIdle(long offset, Region region) {
        if (!region.idle()) {
            return;
        }
        regions.remove(offset);
        if (regions.isEmpty() && channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing is held any more
            }
            channel = null;
        }
    }
}
