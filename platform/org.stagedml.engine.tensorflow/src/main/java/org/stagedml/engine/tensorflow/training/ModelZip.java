package org.stagedml.engine.tensorflow.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * A trained TensorFlow model as one {@code model.zip}: {@value #MODEL_JSON} (the architecture, with a
 * {@code format} naming the model and its version) and the files of a TensorFlow checkpoint under
 * the prefix {@value #CHECKPOINT} (see {@link GraphParameters#checkpoint()}).
 */
public final class ModelZip {
    public static final String MODEL_JSON = "model.json";
    public static final String CHECKPOINT = "variables";

    /** Runs a checkpoint op (save or restore) with this file prefix. */
    @FunctionalInterface
    public interface CheckpointOp {
        void run(String prefix) throws IOException;
    }

    private ModelZip() {
    }

    /** Writes the zip: the model's JSON, then the checkpoint files {@code save} writes. */
    public static void write(Path zip, JsonNode model, CheckpointOp save) throws IOException {
        Path dir = Files.createTempDirectory(zip.toAbsolutePath().getParent(), ".model-");
        try {
            save.run(dir.resolve(CHECKPOINT).toString());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(MODEL_JSON));
                out.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(model));
                out.closeEntry();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * A zip written by {@link #write}, unpacked into a temporary folder and checked to hold a model
     * of {@code format}: build the model from {@link Opened#model()}, restore it from
     * {@link Opened#checkpointPrefix()}, then close (which deletes the folder).
     */
    public static Opened open(Path zip, String format, String stage) throws IOException {
        Path dir = unpack(zip);
        try {
            return new Opened(dir, check(zip, dir, format, stage));
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** An unpacked model zip; closing deletes the unpacked files. */
    public static final class Opened implements AutoCloseable {
        private final Path dir;
        private final JsonNode model;

        private Opened(Path dir, JsonNode model) {
            this.dir = dir;
            this.model = model;
        }

        public JsonNode model() {
            return model;
        }

        public String checkpointPrefix() {
            return dir.resolve(CHECKPOINT).toString();
        }

        @Override
        public void close() throws IOException {
            deleteTree(dir);
        }
    }

    private static JsonNode check(Path zip, Path dir, String format, String stage) throws IOException {
        Path jsonFile = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new StagedmlException(zip + " has no " + MODEL_JSON + ": not a " + stage + " model");
        }
        JsonNode j = Json.mapper().readTree(jsonFile.toFile());
        if (!format.equals(j.path("format").asText())) {
            throw new StagedmlException(zip + " is a model of format '" + j.path("format").asText()
                    + "', expected " + format + "; rebuild it with this version of " + stage);
        }
        return j;
    }

    private static Path unpack(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("model-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path f = dir.resolve(e.getName()).normalize();
                if (!f.startsWith(dir) || e.isDirectory()) {
                    throw new StagedmlException(zip + " holds an unexpected entry " + e.getName());
                }
                try (OutputStream out = Files.newOutputStream(f)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
