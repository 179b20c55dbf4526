package org.stagedml.model.textcnn.internal;

import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.TestEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Config;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;

class TextCnnGlueStageTest {
    static final Map<String, Object> TINY = Map.of("epochs", "2", "batch", "32", "embed", "16", "filters", "16",
            "max_len", "24", "vocab", "100", "lr", "0.005", "dropout", "0.1");

    @TempDir
    static Path shared;

    final TextCnnGlueStage stage = new TextCnnGlueStage(TestEngine.nd4j());

    @BeforeAll
    static void data() throws Exception {
        SyntheticGlue.single(shared.resolve("sst"), 400, 100, 1);
        SyntheticGlue.pair(shared.resolve("rte"), 400, 100, 2);
    }

    private JsonNode build(Path data, Path out, String task) throws Exception {
        Map<String, Object> o = new java.util.HashMap<>(TINY);
        o.put("task", task);
        Config config = stage.schema().apply("textcnn-glue", o);
        stage.build(new FolderBuildContext(out, config, Map.of("glue", data)));
        for (String f : stage.promises(config)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        return Json.mapper().readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void dependsOnGlueOfTheSameTask() {
        Config c = stage.schema().apply("textcnn-glue", Map.of("task", "MRPC"));
        assertEquals(Map.of("glue", Dependency.on("glue", Map.of("task", "MRPC"))), stage.dependencies(c));
        assertEquals("best:accuracy", stage.defaultMatcher().spec());
    }

    @Test
    void learnsASingleSentenceTaskDeterministically(@TempDir Path a, @TempDir Path b) throws Exception {
        JsonNode m1 = build(shared.resolve("sst"), a, "SST-2");
        assertTrue(m1.get("accuracy").asDouble() > 0.8, m1.toString());
        assertTrue(m1.has("f1"));
        assertTrue(m1.get("peak_rss_mb").asDouble() > 0, m1.toString());
        assertEquals(2, Files.readAllLines(a.resolve("history.jsonl")).stream().filter(l -> l.contains("accuracy")).count());
        JsonNode m2 = build(shared.resolve("sst"), b, "SST-2");
        assertEquals(m1.get("accuracy"), m2.get("accuracy"));
        assertEquals(m1.get("loss"), m2.get("loss"));
        assertEquals(m1.get("train_loss"), m2.get("train_loss"));

        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(a.resolve("model.zip").toFile());
        MultiLayerNetwork other = ModelSerializer.restoreMultiLayerNetwork(b.resolve("model.zip").toFile());
        List<String> vocab = Files.readAllLines(a.resolve("vocab.txt"));
        assertEquals("[PAD]", vocab.get(0));
        int[][] x = {{3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        assertArrayEquals(TextCnnTrainer.predict(loaded, x), TextCnnTrainer.predict(other, x));
        assertEquals(loaded.output(TextCnnTrainer.features(x, null, 0, 1)), other.output(TextCnnTrainer.features(x, null, 0, 1)));
    }

    @Test
    void trainsOnAPairTask(@TempDir Path out) throws Exception {
        JsonNode m = build(shared.resolve("rte"), out, "RTE");
        assertTrue(m.get("accuracy").asDouble() > 0.7, m.toString());
        assertTrue(!m.has("f1"), "f1 only for tasks labelled 0/1");
    }

    @Test
    void cancellationStopsWithinABatch(@TempDir Path out) {
        Map<String, Object> o = new java.util.HashMap<>(TINY);
        FolderBuildContext b = new FolderBuildContext(out, stage.schema().apply("textcnn-glue", o), Map.of("glue", shared.resolve("sst")));
        b.cancel = () -> b.progress.size() >= 3;
        assertThrows(CancelledException.class, () -> stage.build(b));
        assertEquals(3, b.progress.size());
    }

    @Test
    void refusesARegressionTask(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("task.json"), "{\"task\":\"STS-B\",\"type\":\"regression\",\"labels\":[],\"pair\":true}");
        StagedmlException e = assertThrows(StagedmlException.class, () -> GlueSplit.TaskInfo.read(dir));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }
}
