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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Config;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.train.TrainingMonitor;

class TextCnnGlueStageTest {
    // 3 epochs of 13 steps at lr 0.01: the TensorFlow network reaches 0.94-1.0 there (DL4J needed 2 at 0.005)
    static final Map<String, Object> TINY = Map.of("epochs", "3", "batch", "32", "embed", "16", "filters", "16",
            "max_len", "24", "vocab", "100", "lr", "0.01", "dropout", "0.1");

    @TempDir
    static Path shared;

    final TextCnnGlueStage stage = new TextCnnGlueStage(tensorFlow());

    /** TensorFlow on the CPU, as org.stagedml.engine.tensorflow provides it. */
    static TestEngine tensorFlow() {
        return new TestEngine("TensorFlow", "cpu", () -> List.of("/device:CPU:0"));
    }

    @BeforeAll
    static void data() throws Exception {
        SyntheticGlue.single(shared.resolve("sst"), 400, 100, 1);
        SyntheticGlue.pair(shared.resolve("rte"), 400, 100, 2);
    }

    private JsonNode build(Path data, Path out, String task) throws Exception {
        Map<String, Object> o = new java.util.HashMap<>(TINY);
        o.put("task", task);
        Config config = stage.schema().apply("textcnn-glue", o);
        stage.build(new FolderBuildContext(out, config, Map.of("data", data)));
        for (String f : stage.promises(config)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        return Json.mapper().readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void dependsOnGlueOfTheSameTask() {
        Config c = stage.schema().apply("textcnn-glue", Map.of("task", "MRPC"));
        assertEquals(Map.of("data", Dependency.on("glue", Map.of("task", "MRPC"))), stage.dependencies(c));
        assertEquals("best:accuracy", stage.defaultMatcher().spec());
        assertEquals("gpus=1 (preferred)", stage.resources(c).gpuText());
        assertEquals(Runtime.getRuntime().availableProcessors(), stage.resources(c).cpus());
    }

    @Test
    void learnsASingleSentenceTaskDeterministically(@TempDir Path a, @TempDir Path b) throws Exception {
        JsonNode m1 = build(shared.resolve("sst"), a, "SST-2");
        assertTrue(m1.get("accuracy").asDouble() > 0.8, m1.toString());
        assertTrue(m1.has("f1"));
        assertTrue(m1.get("peak_rss_mb").asDouble() > 0, m1.toString());
        assertEquals(3, Files.readAllLines(a.resolve("history.jsonl")).stream().filter(l -> l.contains("accuracy")).count());
        JsonNode m2 = build(shared.resolve("sst"), b, "SST-2");
        assertEquals(m1.get("accuracy"), m2.get("accuracy"));
        assertEquals(m1.get("loss"), m2.get("loss"));
        assertEquals(m1.get("train_loss"), m2.get("train_loss"));

        List<String> vocab = Files.readAllLines(a.resolve("vocab.txt"));
        assertEquals("[PAD]", vocab.get(0));
        int[][] x = {{3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {6, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        try (TextCnnModel loaded = TextCnnModel.load(a.resolve("model.zip"), 1);
                TextCnnModel other = TextCnnModel.load(b.resolve("model.zip"), 1);
                TokenBatch batch = TokenBatch.of(x, null, null, 0, 2)) {
            assertArrayEquals(loaded.predict(x), other.predict(x));
            float[][] p = loaded.probabilities(batch);
            float[][] q = other.probabilities(batch);
            for (int i = 0; i < p.length; i++) {
                assertArrayEquals(p[i], q[i]);
            }
        }
    }

    @Test
    void theSavedModelPredictsAsTheTrainedOne(@TempDir Path out) throws Exception {
        Map<String, Object> o = new java.util.HashMap<>(TINY);
        TextCnnSettings s = TextCnnSettings.from(stage.schema().apply("textcnn-glue", o), 0);
        GlueTask task = GlueTask.read(shared.resolve("sst"));
        Vocabulary vocab = Vocabulary.build(task.trainingTexts(), s.vocab());
        TextCnnTrainer.Data data = TextCnnTrainer.Data.of(task.train(), task.dev(), vocab, s.maxLen(), 2, true);
        TextCnnTrainer.Result r = new TextCnnTrainer(s, TrainingMonitor.of(new FolderBuildContext(out, stage.schema()
                .apply("textcnn-glue", o), Map.of())), data, 1, "cpu").train();
        try (TextCnnModel trained = r.net()) {
            trained.save(out.resolve("model.zip"));
            try (TextCnnModel loaded = TextCnnModel.load(out.resolve("model.zip"), 1)) {
                assertArrayEquals(trained.predict(data.devX()), loaded.predict(data.devX()));
                assertEquals(2, loaded.classes());
            }
        }
        Files.writeString(out.resolve("not-a-model.zip"), "");
        assertThrows(StagedmlException.class, () -> TextCnnModel.load(out.resolve("not-a-model.zip"), 1));
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
        FolderBuildContext b = new FolderBuildContext(out, stage.schema().apply("textcnn-glue", o), Map.of("data", shared.resolve("sst")));
        b.cancel = () -> b.progress.size() >= 3;
        assertThrows(CancelledException.class, () -> stage.build(b));
        assertEquals(3, b.progress.size());
    }

    @Test
    void refusesARegressionTask(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("task.json"), "{\"task\":\"STS-B\",\"type\":\"regression\",\"labels\":[],\"pair\":true}");
        StagedmlException e = assertThrows(StagedmlException.class, () -> GlueTask.read(dir));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }
}
