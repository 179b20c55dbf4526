package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * A folder {@code tmp/<prefix>~<random>/} kept alive by a file lock on the sibling
 * {@code tmp/<prefix>~<random>.lock}, which is created before the folder and deleted after it, so
 * that the {@link Janitor} of any process can tell a live folder from an orphan.
 */
final class TmpFolder implements AutoCloseable {
    private final Path dir;
    private final Path lockFile;
    private final ProcessLocks.Held held;
    private boolean closed;

    private TmpFolder(Path dir, Path lockFile, ProcessLocks.Held held) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.held = held;
    }

    static TmpFolder create(Path tmp, String prefix) throws IOException {
        Files.createDirectories(tmp); // someone may have removed tmp/ by hand
        while (true) {
            String id = prefix + "~" + UUID.randomUUID();
            Path lockFile = tmp.resolve(id + Janitor.LOCK_SUFFIX);
            Files.createFile(lockFile); // new and unique: only we ever create it
            Optional<ProcessLocks.Held> held = ProcessLocks.tryAcquire(lockFile, false, ProcessLocks.Holder.BUILDER);
            // a janitor may have taken and deleted the fresh file before we locked it: take another id
            if (held.isPresent() && Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                Path dir = tmp.resolve(id);
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    held.get().close();
                    Files.deleteIfExists(lockFile);
                    throw e;
                }
                return new TmpFolder(dir, lockFile, held.get());
            }
            held.ifPresent(ProcessLocks.Held::close);
        }
    }

    Path dir() {
        return dir;
    }

    /** Deletes whatever is left of the folder, then the lock file, then releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            FileTrees.deleteTree(dir);
            Files.deleteIfExists(lockFile);
        } finally {
            held.close();
        }
    }
}
