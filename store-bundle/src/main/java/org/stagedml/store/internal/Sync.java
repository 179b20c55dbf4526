package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

/**
 * Durability on power loss, as Git and Nix do it: what a rename publishes is fsynced before the
 * rename (file contents and the folders holding them), and the folder the rename wrote into is
 * fsynced after it. Without this a commit survives a killed process (the rename is atomic) but a
 * power cut may leave renamed files empty or short. {@link #OFF} keeps the order of the steps and
 * skips the fsyncs (scratch stores, where speed matters more than surviving a power cut).
 */
final class Sync {
    static final Sync ON = new Sync(true);
    static final Sync OFF = new Sync(false);

    private final boolean enabled;

    private Sync(boolean enabled) {
        this.enabled = enabled;
    }

    static Sync of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    boolean enabled() {
        return enabled;
    }

    /** fsyncs a file's content, or a folder's entries (Linux lets a folder be opened for reading and fsynced). */
    void force(Path path) throws IOException {
        if (enabled) {
            try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
                c.force(true);
            }
        }
    }

    /** fsyncs every regular file and every folder of a tree, the folders after what they hold. */
    void forceTree(Path top) throws IOException {
        if (!enabled) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) { // a symbolic link lives in its folder's entries
                    force(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                force(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Writes a small file through a temporary sibling, fsynced, renamed over {@code target}, then
     * fsyncs the folder: a reader, or the machine after a power cut, sees the old content or the
     * new one, never a part.
     */
    void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.getParent();
        Path partial = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID());
        try {
            try (FileChannel c = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                if (enabled) {
                    c.force(true);
                }
            }
            if (permissions != null) {
                Files.setPosixFilePermissions(partial, permissions);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        force(dir);
    }
}
