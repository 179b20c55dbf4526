package org.stagedml.model.convnet.internal;

import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.TestEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.stage.Dependency;

class ConvNetMnistStageTest {
    static final Map<String, Object> TINY = Map.of("epochs", "2", "batch", "32", "conv1", "8", "conv2", "16",
            "dense", "32", "dropout", "0.25", "lr", "0.003");

    @TempDir
    static Path shared;
    static Path data;

    final ConvNetMnistStage stage = new ConvNetMnistStage(tensorFlow());

    /** TensorFlow on the CPU, as org.stagedml.engine.tensorflow provides it. */
    static TestEngine tensorFlow() {
        return new TestEngine("TensorFlow", "cpu", () -> List.of("/device:CPU:0"));
    }

    /** An mnist-like realization: the four IDX files and dataset.json, as the mnist stage writes them. */
    @BeforeAll
    static void dataset() throws Exception {
        data = shared.resolve("mnist");
        SyntheticImages.generate(480, 10, 11).write(data, "train");
        SyntheticImages.generate(200, 10, 12).write(data, "t10k");
        Files.writeString(data.resolve("dataset.json"), "{\"variant\":\"fashion\",\"train\":480,\"test\":200,"
                + "\"classes\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]}");
    }

    @Test
    void describesItselfAndDependsOnMnistOfTheSameVariant() {
        assertEquals("convnet-mnist", stage.name());
        Config defaults = stage.schema().defaults();
        assertEquals("fashion", defaults.getString("variant"));
        assertEquals(5, defaults.getInt("epochs"));
        assertEquals("best:accuracy", stage.defaultMatcher().spec());
        Config digits = stage.schema().apply("convnet-mnist", Map.of("variant", "digits"));
        assertEquals(Map.of("mnist", Dependency.on("mnist", Map.of("variant", "digits"))), stage.dependencies(digits));
        assertTrue(stage.promises(defaults).containsAll(List.of("metrics.json", "model.zip", "curves.png")));
        assertEquals(Runtime.getRuntime().availableProcessors(), stage.resources(defaults).cpus());
        assertEquals("gpus=1 (preferred)", stage.resources(defaults).gpuText());
        assertEquals(2048, stage.resources(defaults).memoryMb());
    }

    @Test
    void rejectsBadSettingsWhenInstantiated() {
        assertThrows(ConfigException.class, () -> stage.schema().apply("convnet-mnist", Map.of("variant", "letters")));
        Config zero = stage.schema().apply("convnet-mnist", Map.of("epochs", "0"));
        ConfigException e = assertThrows(ConfigException.class, () -> stage.dependencies(zero));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void buildWritesEveryOutputAndALoadableModel(@TempDir Path out) throws Exception {
        Config config = stage.schema().apply("convnet-mnist", TINY);
        FolderBuildContext b = new FolderBuildContext(out, config, Map.of("mnist", data));
        ConvNetTrainer.Result result = ConvNetBuild.run(b, ConvNetSettings.from(config, 0),
                IdxImages.read(data, "train"), IdxImages.read(data, "t10k"), ClassNames.of(data, "fashion"));
        for (String f : ConvNetBuild.OUTPUTS) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy > 0.6, "accuracy " + accuracy);
        assertEquals(2, metrics.get("epochs").asInt());
        assertTrue(metrics.get("best_accuracy").asDouble() >= accuracy);
        for (String k : List.of("loss", "train_loss", "train_seconds", "seconds_per_epoch", "images_per_second",
                "peak_rss_mb")) {
            assertTrue(metrics.get(k).asDouble() > 0, k);
        }
        List<String> history = Files.readAllLines(out.resolve("history.jsonl"));
        long epochLines = history.stream().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception ex) {
                throw new AssertionError("history line is not JSON: " + l);
            }
        }).filter(n -> n.has("accuracy")).count();
        assertEquals(2, epochLines);
        JsonNode confusion = Json.mapper().readTree(out.resolve("confusion.json").toFile());
        assertEquals("a", confusion.get("classes").get(0).asText());
        int total = 0;
        for (JsonNode row : confusion.get("matrix")) {
            for (JsonNode v : row) {
                total += v.asInt();
            }
        }
        assertEquals(200, total);
        BufferedImage curves = ImageIO.read(out.resolve("curves.png").toFile());
        assertNotNull(curves);
        assertTrue(curves.getWidth() >= 600);
        assertNotNull(ImageIO.read(out.resolve("confusion.png").toFile()));
        assertEquals(1.0, b.progress.get(b.progress.size() - 1));

        IdxImages test = IdxImages.read(data, "t10k");
        try (LeNetModel trained = result.net(); LeNetModel loaded = LeNetModel.load(out.resolve("model.zip"), 1)) {
            assertArrayEquals(TestEvaluation.predictions(trained, test), TestEvaluation.predictions(loaded, test));
            try (ImageBatch x = ImageBatch.of(test, null, 0, 20)) {
                float[][] a = trained.probabilities(x);
                float[][] c = loaded.probabilities(x);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], c[i], 1e-6f, "image " + i);
                }
            }
            assertEquals(metrics.get("accuracy").asDouble(), TestEvaluation.of(loaded, test).accuracy(), 0.0);
        }
    }

    @Test
    void aModelFileOfAnotherKindIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("model.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("configuration.json"));
            out.write("{}".getBytes());
        }
        Exception e = assertThrows(org.stagedml.api.StagedmlException.class, () -> LeNetModel.load(zip, 1));
        assertTrue(e.getMessage().contains("no model.json"), e.getMessage());
    }

    @Test
    void stageBuildReadsItsDependencyAndNotesTheDevice(@TempDir Path out) throws Exception {
        Config config = stage.schema().apply("convnet-mnist", Map.of("epochs", "1", "batch", "64", "conv1", "4",
                "conv2", "8", "dense", "16", "lr", "0.003"));
        FolderBuildContext b = new FolderBuildContext(out, config, Map.of("mnist", data));
        stage.build(b);
        assertEquals("cpu", b.notes.get("device"));
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        assertTrue(b.logs.stream().anyMatch(l -> l.contains("480 training and 200 test images")), b.logs.toString());
    }

    @Test
    void aCancelledBuildStopsWithinABatch(@TempDir Path out) {
        Config config = stage.schema().apply("convnet-mnist", TINY);
        FolderBuildContext b = new FolderBuildContext(out, config, Map.of("mnist", data));
        b.cancel = () -> b.progress.size() >= 2;
        assertThrows(CancelledException.class, () -> stage.build(b));
        assertEquals(2, b.progress.size());
        assertTrue(Files.notExists(out.resolve("model.zip")));
    }
}
