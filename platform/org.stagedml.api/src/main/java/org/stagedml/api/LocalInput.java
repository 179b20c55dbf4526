package org.stagedml.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local files and folders as stage inputs (config fields of type {@link FieldType#PATH}), the way Nix
 * treats path inputs: their content hash goes into the derivation, so an edited file is a new
 * derivation, never a stale cache hit.
 */
public final class LocalInput {
    /** The config field that holds the content hash of PATH field {@code field}. */
    public static String hashField(String field) {
        return field + "_sha256";
    }

    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private LocalInput() {
    }

    /** Whether a PATH value is a URL ({@code scheme://...}) rather than a local path. */
    public static boolean isUrl(String value) {
        return URL.matcher(value).matches();
    }

    /**
     * The content hash of a file or folder, 64 hex digits. A file: the sha256 of its bytes (what
     * {@code sha256sum} prints). A folder: the sha256 over its files in path order, each as its
     * relative path ('/'-separated), a NUL and the sha256 of its bytes; names and contents count,
     * timestamps and permissions do not.
     *
     * @throws ConfigException when the path does not exist or cannot be read
     */
    public static String sha256(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                return HexFormat.of().formatHex(fileDigest(path));
            }
            if (!Files.isDirectory(path)) {
                throw new ConfigException("no file or folder at " + path);
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            MessageDigest md = digest();
            for (Path f : files) {
                String rel = path.relativize(f).toString().replace('\\', '/');
                md.update(rel.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(HexFormat.of().formatHex(fileDigest(f)).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException("cannot read " + path + " to hash it: " + e.getMessage());
        }
    }

    private static byte[] fileDigest(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
