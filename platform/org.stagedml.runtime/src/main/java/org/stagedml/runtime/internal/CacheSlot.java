package org.stagedml.runtime.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Felix bundle cache, held by one process at a time. A Felix cache must not be shared by two
 * running frameworks, yet unpacking the engines' embedded jars anew at every start would cost
 * seconds; so processes take the first free slot of a small pool, each kept between launches.
 */
public final class CacheSlot implements AutoCloseable {
    private static final int MAX_SLOTS = 64;
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheSlot(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the first slot no other process holds. */
    public static CacheSlot acquire(Path base) throws IOException {
        Files.createDirectories(base);
        for (int i = 0; i < MAX_SLOTS; i++) {
            Path lockFile = base.resolve("slot-" + i + ".lock");
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM already
            }
            if (l != null) {
                return new CacheSlot(base.resolve("slot-" + i), ch, l);
            }
            ch.close();
        }
        throw new IOException("all " + MAX_SLOTS + " bundle-cache slots under " + base
                + " are in use by other StagedML processes");
    }

    /** The Felix storage folder of this slot. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
