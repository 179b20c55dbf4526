package org.stagedml.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.stage.Checkpoint;

/**
 * The checkpoints of one build (derivation and instance), in {@code checkpoints/<dhash>-<name>/<instance>/}.
 * Each checkpoint is a folder {@code ckpt-<seq>/} holding the stage's files under {@code data/} and
 * a {@value #MANIFEST} with the hash of {@code data/} (the realization tree hash). A save fills
 * {@code .partial-<uuid>/}, writes the manifest, fsyncs, renames it to the next sequence number
 * (a fresh name: the rename is atomic), then deletes the older ones; so a folder named
 * {@code ckpt-*} is whole unless its files were changed or lost afterwards, which the manifest
 * catches. The derivation's lock (held by the builder) keeps two builds out of one area; gc and
 * remove take that lock before they delete.
 */
final class CheckpointArea implements Checkpoint {
    static final String MANIFEST = "checkpoint.json";
    static final String DATA = "data";
    static final String PREFIX = "ckpt-";
    static final String PARTIAL = ".partial-";

    private final Path dir;
    private final DRef dref;
    private final int instance;
    private final Sync sync;
    private final Consumer<String> warnings;

    CheckpointArea(Path dir, DRef dref, int instance, Sync sync, Consumer<String> warnings) {
        this.dir = dir;
        this.dref = dref;
        this.instance = instance;
        this.sync = sync;
        this.warnings = warnings == null ? w -> { } : warnings;
    }

    @Override
    public Optional<Path> last() throws IOException {
        for (Path c : whole()) {
            String problem = problem(c);
            if (problem == null) {
                return Optional.of(c.resolve(DATA));
            }
            warnings.accept("ignoring the checkpoint " + c + " of " + dref + " (instance " + instance + "): " + problem
                    + "; it is deleted and the build goes on from an older checkpoint or from the start");
            FileTrees.deleteTree(c);
        }
        return Optional.empty();
    }

    @Override
    public Path save(Writer writer) throws IOException {
        Files.createDirectories(dir);
        removePartials();
        List<Path> older = whole();
        long seq = older.isEmpty() ? 1 : sequence(older.get(0)) + 1;
        Path partial = dir.resolve(PARTIAL + UUID.randomUUID());
        Path data = Files.createDirectories(partial.resolve(DATA));
        try {
            writer.write(data);
            TreeHasher.Manifest m = TreeHasher.hash(data);
            ObjectNode manifest = Json.mapper().createObjectNode()
                    .put("format", 1)
                    .put("dref", dref.toString())
                    .put("instance", instance)
                    .put("saved", Instant.now().toString())
                    .put("files", m.entries().size())
                    .put("bytes", m.bytes())
                    .put("hash", m.hash());
            Files.write(partial.resolve(MANIFEST), Json.mapper().writeValueAsBytes(manifest));
            sync.forceTree(partial);
            Path target = dir.resolve(PREFIX + String.format("%08d", seq));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            sync.force(dir);
            for (Path o : older) {
                FileTrees.deleteTree(o);
            }
            return target.resolve(DATA);
        } finally {
            FileTrees.deleteTree(partial); // a writer that threw: the last checkpoint stays as it was
        }
    }

    @Override
    public void clear() throws IOException {
        FileTrees.deleteTree(dir);
        Path parent = dir.getParent();
        try {
            Files.deleteIfExists(parent); // the derivation's folder, once its last instance is gone
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // other instances keep theirs
        }
    }

    /** Why a checkpoint folder cannot be used, or null when its files match its manifest. */
    static String problem(Path checkpoint) {
        Path manifest = checkpoint.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "it has no " + MANIFEST + " (half-written)";
        }
        try {
            JsonNode m = Json.mapper().readTree(manifest.toFile());
            String hash = m.path("hash").asText("");
            if (hash.isEmpty()) {
                return MANIFEST + " names no hash";
            }
            if (!Files.isDirectory(checkpoint.resolve(DATA))) {
                return "its " + DATA + "/ folder is missing";
            }
            String actual = TreeHasher.hash(checkpoint.resolve(DATA)).hash();
            return actual.equals(hash) ? null : "its files do not match the hash in its " + MANIFEST + " (corrupted)";
        } catch (IOException | RuntimeException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
    }

    /** When a checkpoint was saved (its manifest's time), null when it cannot be read. */
    static Instant saved(Path checkpoint) {
        try {
            return Instant.parse(Json.mapper().readTree(checkpoint.resolve(MANIFEST).toFile()).path("saved").asText());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The sealed checkpoints ({@code ckpt-*}), newest first. */
    List<Path> whole() throws IOException {
        return whole(dir);
    }

    static List<Path> whole(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*")) {
            s.forEach(found::add);
        }
        found.removeIf(p -> sequence(p) < 0);
        found.sort(Comparator.comparingLong(CheckpointArea::sequence).reversed());
        return found;
    }

    private void removePartials() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PARTIAL + "*")) {
            for (Path p : s) {
                FileTrees.deleteTree(p); // a save that a killed build left; only the lock holder saves here
            }
        }
    }

    private static long sequence(Path checkpoint) {
        try {
            return Long.parseLong(checkpoint.getFileName().toString().substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
