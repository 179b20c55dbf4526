package org.stagedml.dataset.fetch.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds small archives in memory for the tests, including hostile ones. */
final class Archives {
    private Archives() {
    }

    /** A zip: pairs of name and content; a name ending in '/' is a folder; "name->target" is a symlink. */
    static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                String name = entries[i];
                byte[] content = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipArchiveEntry e;
                if (name.contains("->")) {
                    e = new ZipArchiveEntry(name.substring(0, name.indexOf("->")));
                    e.setUnixMode(0120777);
                    content = name.substring(name.indexOf("->") + 2).getBytes(StandardCharsets.UTF_8);
                } else {
                    e = new ZipArchiveEntry(name);
                    e.setUnixMode(name.endsWith("/") ? 040755 : name.endsWith(".sh") ? 0100755 : 0100644);
                }
                z.putArchiveEntry(e);
                if (!name.endsWith("/")) {
                    z.write(content);
                }
                z.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A tar: pairs of name and content; a name ending in '/' is a folder; "name->target" a symbolic
     * link; "name=>target" a hard link.
     */
    static byte[] tar(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.length; i += 2) {
                String name = entries[i];
                byte[] content = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e;
                if (name.contains("->")) {
                    e = new TarArchiveEntry(name.substring(0, name.indexOf("->")), TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(name.substring(name.indexOf("->") + 2));
                    content = new byte[0];
                } else if (name.contains("=>")) {
                    e = new TarArchiveEntry(name.substring(0, name.indexOf("=>")), TarArchiveEntry.LF_LINK);
                    e.setLinkName(name.substring(name.indexOf("=>") + 2));
                    content = new byte[0];
                } else {
                    // preserveAbsolutePath: keep hostile names as they are
                    e = new TarArchiveEntry(name, true);
                    e.setMode(name.endsWith("/") ? 040755 : name.endsWith(".sh") ? 0100755 : 0100644);
                    e.setSize(name.endsWith("/") ? 0 : content.length);
                }
                t.putArchiveEntry(e);
                if (content.length > 0) {
                    t.write(content);
                }
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
            g.write(data);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
