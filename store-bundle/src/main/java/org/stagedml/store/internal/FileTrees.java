package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File-tree chores: making a tree read-only, deleting a read-only tree, measuring a tree. */
final class FileTrees {
    static final Set<PosixFilePermission> READ_ONLY_FILE = PosixFilePermissions.fromString("r--r--r--");
    static final Set<PosixFilePermission> READ_ONLY_EXEC = PosixFilePermissions.fromString("r-xr-xr-x");
    static final Set<PosixFilePermission> READ_ONLY_DIR = PosixFilePermissions.fromString("r-xr-xr-x");
    static final Set<PosixFilePermission> WRITABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileTrees() {
    }

    static boolean isExecutable(Path file) throws IOException {
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    /**
     * Files become 0444 (0555 when executable), directories 0555; symbolic links are left alone.
     * With {@code keepTopWritable} the top folder stays writable (a folder moved to another parent
     * needs write permission on itself to update its "..").
     */
    static void makeReadOnly(Path top, boolean keepTopWritable) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.setPosixFilePermissions(file, isExecutable(file) ? READ_ONLY_EXEC : READ_ONLY_FILE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (!(keepTopWritable && dir.equals(top))) {
                    Files.setPosixFilePermissions(dir, READ_ONLY_DIR);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes a file or a tree, read-only or not. Tolerates entries vanishing meanwhile (another
     * janitor may be deleting the same orphan). No-op when absent.
     */
    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(top);
            return;
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    try {
                        Files.setPosixFilePermissions(dir, WRITABLE_DIR);
                    } catch (NoSuchFileException e) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null && !(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // vanished while we deleted it: the goal is reached
        } catch (AccessDeniedException e) {
            throw new IOException("cannot delete " + e.getFile() + ": permission denied", e);
        }
    }

    /** Total bytes of the regular files of a tree. */
    static long size(Path top) throws IOException {
        long[] total = {0};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
