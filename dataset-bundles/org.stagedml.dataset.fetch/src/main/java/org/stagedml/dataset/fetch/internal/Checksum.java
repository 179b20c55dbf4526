package org.stagedml.dataset.fetch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.stagedml.api.ConfigException;

/**
 * An expected digest of a file: the algorithm ({@code sha256}, or {@code sha1} / {@code md5} where
 * that is all a publisher gives) and its hex value.
 *
 * @param algorithm the config field name of the algorithm: sha256, sha1 or md5
 * @param hex the expected digest, lower-case hex
 */
public record Checksum(String algorithm, String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Checksum {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        int len = hexLength(algorithm);
        hex = hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT);
        if (hex.length() != len || !HEX.matcher(hex).matches()) {
            throw new ConfigException("'" + hex + "' is not a " + algorithm + " checksum: expected " + len
                    + " hex digits");
        }
    }

    /** The number of hex digits of a digest of that algorithm; ConfigException for an unknown one. */
    public static int hexLength(String algorithm) {
        return switch (algorithm) {
            case "sha256" -> 64;
            case "sha1" -> 40;
            case "md5" -> 32;
            default -> throw new ConfigException("unknown checksum algorithm '" + algorithm
                    + "': use sha256 (or sha1, md5 where that is all the publisher gives)");
        };
    }

    /** A fresh digest of the algorithm ({@code sha256} -> SHA-256 ...). */
    public static MessageDigest digest(String algorithm) {
        String jca = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            case "md5" -> "MD5";
            default -> throw new ConfigException("unknown checksum algorithm '" + algorithm + "'");
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is not available in this JVM", e);
        }
    }

    /** The hex digests of a file for several algorithms, reading it once. */
    public static java.util.Map<String, String> of(Path file, java.util.Collection<String> algorithms)
            throws IOException {
        java.util.Map<String, MessageDigest> digests = new java.util.LinkedHashMap<>();
        for (String a : algorithms) {
            digests.put(a, digest(a));
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (MessageDigest d : digests.values()) {
                    d.update(buf, 0, n);
                }
            }
        }
        java.util.Map<String, String> hex = new java.util.LinkedHashMap<>();
        digests.forEach((a, d) -> hex.put(a, HexFormat.of().formatHex(d.digest())));
        return hex;
    }

    /** The message for a file whose digest is not this one; names both values. */
    public String mismatch(String source, String actual) {
        return algorithm + " mismatch for " + source + ": expected " + hex + ", got " + actual
                + " (the download is discarded; check the URL or the checksum)";
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
