package org.stagedml.realizer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A digest of a folder's outputs (names, kinds, contents, executable bits), to tell whether a person
 * changed a build's output folder while it was paused. Not the store's hash: only compared with
 * itself, before and after a pause.
 */
final class FolderFingerprint {
    private FolderFingerprint() {
    }

    /** The digest of the folder, leaving out the relative paths {@code skip} accepts (and what is under them). */
    static String of(Path dir, Predicate<Path> skip) throws IOException {
        MessageDigest md = sha256();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(dir)) {
            entries = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        byte[] buf = new byte[1 << 16];
        for (Path p : entries) {
            Path rel = dir.relativize(p);
            if (skipped(rel, skip)) {
                continue;
            }
            md.update(rel.toString().getBytes(StandardCharsets.UTF_8));
            if (Files.isSymbolicLink(p)) {
                md.update((byte) 'l');
                md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                md.update((byte) 'd');
            } else {
                md.update((byte) (Files.isExecutable(p) ? 'x' : 'f'));
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean skipped(Path rel, Predicate<Path> skip) {
        for (Path p = rel; p != null; p = p.getParent()) {
            if (skip.test(p)) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
