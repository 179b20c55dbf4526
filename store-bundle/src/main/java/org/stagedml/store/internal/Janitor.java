package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes what dead processes left in {@code tmp/}. A live build holds a file lock on
 * {@code tmp/<id>.lock} (created before {@code tmp/<id>/} and deleted after it), so an entry is
 * an orphan exactly when its lock can be taken or it has no lock file. Never decides by age.
 */
final class Janitor {
    static final String LOCK_SUFFIX = ".lock";

    private Janitor() {
    }

    /** Cleans tmp; returns how many orphans were removed. */
    static int clean(Path tmp) throws IOException {
        int removed = 0;
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                try {
                    if (name.endsWith(LOCK_SUFFIX)) {
                        removed += cleanLocked(entry, tmp.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length())));
                    } else if (!Files.exists(tmp.resolve(name + LOCK_SUFFIX), LinkOption.NOFOLLOW_LINKS)
                            && Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                        // no lock file: its owner is gone (owners create the lock before the folder)
                        FileTrees.deleteTree(entry);
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // someone else cleaned it meanwhile
                }
            }
        }
        return removed;
    }

    private static int cleanLocked(Path lockFile, Path folder) throws IOException {
        Optional<ProcessLocks.Held> held = ProcessLocks.tryAcquire(lockFile, false, ProcessLocks.Holder.COLLECTOR);
        if (held.isEmpty()) {
            return 0; // a live process holds it (or it vanished)
        }
        try (ProcessLocks.Held h = held.get()) {
            FileTrees.deleteTree(folder);
            Files.deleteIfExists(lockFile);
            return 1;
        }
    }
}
