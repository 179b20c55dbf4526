package org.stagedml.dataset.fetch.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** The archive formats {@link Unpacker} reads, recognised by their first bytes (else by the name). */
public enum ArchiveFormat {
    ZIP, TAR, TAR_GZ, GZ;

    /** The format of a file: from its magic bytes, falling back to its name; null when neither tells. */
    public static ArchiveFormat detect(Path file, String name) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            byte[] inner = new byte[512];
            int m;
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                m = in.readNBytes(inner, 0, inner.length);
            } catch (IOException e) {
                m = 0;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            return isTar(inner, m) || lower.endsWith(".tgz") || lower.endsWith(".tar.gz") ? TAR_GZ : GZ;
        }
        if (isTar(head, n)) {
            return TAR;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return ZIP;
        } else if (lower.endsWith(".tar")) {
            return TAR;
        }
        return null;
    }

    private static boolean isTar(byte[] block, int n) {
        return n >= 262 && new String(Arrays.copyOfRange(block, 257, 262), StandardCharsets.US_ASCII).equals("ustar");
    }
}
