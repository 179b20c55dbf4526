package org.stagedml.dataset.translation.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * Copies named files out of a published {@code .tgz} in one streaming pass (it stops once all are
 * found), so a 900 MB archive is never unpacked whole. Names are matched without a leading
 * {@code ./}. A file that is not a gzip-compressed tar, or lacks a wanted entry, is a clear error.
 */
final class TarGz {
    private TarGz() {
    }

    /**
     * @param archive the .tgz
     * @param wanted entry name -> file to copy it to
     * @param what what the archive should be, for error messages ("the published europarl_v7 archive")
     */
    static void extract(Path archive, Map<String, Path> wanted, String what, BooleanSupplier cancelled) throws IOException {
        Set<String> missing = new LinkedHashSet<>(wanted.keySet());
        String file = archive.getFileName().toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            TarArchiveInputStream tar;
            try {
                tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw, true));
            } catch (IOException e) {
                throw unreadable(file, e, what);
            }
            byte[] buffer = new byte[1 << 16];
            while (!missing.isEmpty()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException("cancelled while reading " + file);
                }
                TarArchiveEntry entry;
                try {
                    entry = tar.getNextEntry();
                } catch (IOException e) {
                    throw unreadable(file, e, what);
                }
                if (entry == null) {
                    break;
                }
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isFile() && missing.remove(name)) {
                    try (OutputStream out = Files.newOutputStream(wanted.get(name))) {
                        for (int n = read(tar, buffer, file, what); n >= 0; n = read(tar, buffer, file, what)) {
                            out.write(buffer, 0, n);
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new StagedmlException(file + " has no " + String.join(", ", missing) + "; it is not " + what);
        }
    }

    private static int read(InputStream in, byte[] buffer, String file, String what) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw unreadable(file, e, what);
        }
    }

    private static StagedmlException unreadable(String file, IOException e, String what) {
        return new StagedmlException(file + " cannot be read as a gzip-compressed tar (" + e.getMessage() + "); it is not "
                + what + " (fetch it again, or check the URL)");
    }
}
