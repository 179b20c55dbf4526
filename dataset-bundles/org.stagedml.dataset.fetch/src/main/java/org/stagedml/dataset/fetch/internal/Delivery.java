package org.stagedml.dataset.fetch.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.stagedml.api.ConfigException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;

/**
 * The end of every fetch build: checks the fetched file against its checksum (deleting it on a
 * mismatch), records what was checked, then moves it to {@code <out>/<name>} or unpacks it there.
 * Files in flight live in {@code fetch/} of the build's {@link BuildContext#metadataFolder() metadata
 * folder}: inside the build folder (a rename away from the output) and never hashed.
 */
final class Delivery {
    private Delivery() {
    }

    /** The file in flight, its folder created in the build's metadata folder. */
    static Path partFile(BuildContext b, String name) throws IOException {
        Path dir = b.metadataFolder().resolve("fetch");
        Files.createDirectories(dir);
        return dir.resolve(name + ".part");
    }

    static void deliver(BuildContext b, String source, Path part, String name, Checksum expected, boolean unpack,
            FetchLog log) throws IOException {
        try {
            if (!unpack && b.reserved(Path.of(name))) {
                throw new ConfigException("the fetched file cannot be called '" + name + "': the store keeps its own"
                        + " files under that name; give another with name=...");
            }
            Set<String> algorithms = new LinkedHashSet<>();
            algorithms.add(FetchFields.SHA256);
            if (expected != null) {
                algorithms.add(expected.algorithm());
            }
            b.progress(1.0, "checking " + name);
            Map<String, String> actual = Checksum.of(part, algorithms);
            if (expected != null && !expected.hex().equals(actual.get(expected.algorithm()))) {
                String mismatch = expected.mismatch(source, actual.get(expected.algorithm()));
                log.warn("{} (building {}); the file is deleted", mismatch, b.dref());
                throw new StagedmlException(mismatch);
            }
            b.note("source", source);
            b.note("sha256", actual.get(FetchFields.SHA256));
            b.note("size", String.valueOf(Files.size(part)));
            if (expected == null) {
                b.note("insecure", "true");
                log.warn("{} fetched without a checksum (insecure=true) for {}; its sha256 is {}", source, b.dref(),
                        actual.get(FetchFields.SHA256));
                b.log("WARNING: " + source + " was fetched without a checksum (insecure=true); its sha256 is "
                        + actual.get(FetchFields.SHA256));
            } else {
                b.note("checksum", expected.toString());
                b.log(expected.algorithm() + " of " + source + " verified: " + expected.hex());
            }
            log.info("fetched {} for {}: {} bytes, sha256 {}", source, b.dref(), Files.size(part),
                    actual.get(FetchFields.SHA256));
            if (unpack) {
                long n = new Unpacker(b::cancelled, b::reserved).unpack(part, name, b.out());
                b.log("unpacked " + n + " files from " + name);
            } else {
                Files.move(part, b.out().resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(part);
            deleteIfEmpty(part.getParent());
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // another file in flight: left for the build folder's own removal
        }
    }
}
