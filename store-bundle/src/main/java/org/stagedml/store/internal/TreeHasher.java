package org.stagedml.store.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.stagedml.api.CanonicalJson;
import org.stagedml.api.StagedmlException;

/**
 * Computes the output hash of a realization folder: every entry except the top-level {@code _meta/},
 * sorted by relative path ('/'-separated, compared as strings), one line each:
 * {@code <type> <sha256 of content, of link target, or -> <path as a JSON string>\n}, type being
 * {@code d} (directory), {@code f} (file), {@code x} (executable file) or {@code l} (symbolic link).
 * The output hash is sha256 over those lines.
 */
final class TreeHasher {
    static final String META = "_meta";
    private static final int BUFFER = 1 << 20;

    private TreeHasher() {
    }

    /** One hashed entry of a realization. */
    record Entry(String type, String digest, String path, long size) {
        String line() {
            return type + " " + digest + " " + CanonicalJson.write(TextNode.valueOf(path)) + "\n";
        }
    }

    /** The entries of a tree and the hash over them. */
    record Manifest(List<Entry> entries, String hash) {
        static Manifest of(List<Entry> entries) {
            MessageDigest md = sha256();
            for (Entry e : entries) {
                md.update(e.line().getBytes(StandardCharsets.UTF_8));
            }
            return new Manifest(List.copyOf(entries), HexFormat.of().formatHex(md.digest()));
        }

        long bytes() {
            return entries.stream().mapToLong(Entry::size).sum();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Manifest hash(Path top) throws IOException {
        List<Entry> entries = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(top)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(top, dir);
                if (rel.equals(META)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entries.add(new Entry("d", "-", rel, 0));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(top, file);
                if (rel.equals(META)) {
                    return FileVisitResult.CONTINUE; // a file named _meta is not hashed either
                }
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    entries.add(new Entry("l", hex(sha256().digest(target.getBytes(StandardCharsets.UTF_8))), rel, 0));
                } else if (attrs.isRegularFile()) {
                    entries.add(new Entry(FileTrees.isExecutable(file) ? "x" : "f", digest(file, buffer), rel, attrs.size()));
                } else {
                    throw new StagedmlException("cannot store " + file + ": only files, folders and symbolic links can be stored");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(Entry::path));
        return Manifest.of(entries);
    }

    /** Hex sha256 of a file's content. */
    static String digest(Path file, byte[] buffer) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return hex(md.digest());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String relative(Path top, Path p) {
        Path rel = top.relativize(p);
        StringBuilder s = new StringBuilder();
        for (Path part : rel) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part.toString());
        }
        return s.toString();
    }
}
