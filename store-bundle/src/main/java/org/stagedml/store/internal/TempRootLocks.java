package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stagedml.api.DRef;

/**
 * The temporary roots of one store, as reader/writer locks on one byte per derivation: a holder
 * shares the byte of its derivation, gc and remove take it exclusively, without waiting, before
 * they delete. The operating system drops a dead process's locks by itself.
 *
 * <p>The bytes are spread over {@value #FILES} files under {@code locks/temp-roots/}: a realize of
 * 10,000 derivations then holds at most that many files open, and each file's lock list (which
 * the kernel and the JVM search on every lock and unlock) stays short.
 */
final class TempRootLocks {
    static final int FILES = 64;
    private static final Map<Path, TempRootLocks> STORES = new ConcurrentHashMap<>();
    /** Byte offsets stay below 2^62, far inside what fcntl accepts. */
    private static final long OFFSET_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

    private final TempRootFile[] files = new TempRootFile[FILES];
    /** The keys computed so far (a SHA-256 each; a realize takes one per derivation); bounded. */
    private final Map<DRef, Long> keys = new ConcurrentHashMap<>();

    private TempRootLocks(Path dir) {
        for (int i = 0; i < FILES; i++) {
            files[i] = new TempRootFile(dir.resolve(String.format("%02d", i)));
        }
    }

    /**
     * The temporary roots under this folder, shared by every store instance of this JVM on it. In
     * a read-only store the folder may be missing: its holds then go unlocked (see TempRootFile).
     */
    static TempRootLocks of(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException readOnly) {
            // a read-only store: nobody can delete anything through this mount
        }
        Path key = dir.getParent().toRealPath().resolve(dir.getFileName());
        return STORES.computeIfAbsent(key, TempRootLocks::new);
    }

    /** Shares the derivation's byte; waits while gc or remove is deleting that derivation. Interruptible. */
    TempRootFile.Hold share(DRef dref) throws IOException, InterruptedException {
        long key = cachedKey(dref);
        return file(key).share(key & OFFSET_MASK);
    }

    /** Takes the derivation's byte exclusively if nobody holds it, without waiting; empty when someone does. */
    Optional<TempRootFile.Hold> tryExclusive(DRef dref) throws IOException {
        long key = cachedKey(dref);
        return file(key).tryExclusive(key & OFFSET_MASK);
    }

    private TempRootFile file(long key) {
        return files[(int) (key >>> 58) % FILES]; // the top bits, which the offset mask drops
    }

    private long cachedKey(DRef dref) {
        Long k = keys.get(dref);
        if (k == null) {
            if (keys.size() >= 100_000) {
                keys.clear();
            }
            k = key(dref);
            keys.put(dref, k);
        }
        return k;
    }

    /** Stable across processes: the first 8 bytes of SHA-256 of the derivation's folder name. */
    private static long key(DRef dref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dref.folderName().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
