package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.GlueFeaturesStage;
import org.stagedml.testing.GeneratedGlueStage;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.TextSplit;

/**
 * bert-finetune-glue end to end through the real realizer and FileStore, with the real
 * bert-random-init and glue-features stages and a generated glue task: a tiny random-init BERT
 * learns the task, and a second realize is served from the store.
 */
class BertFinetuneGlueStageTest {
    private static final Map<String, Object> TINY_BERT = Map.of("hidden_size", 32, "num_hidden_layers", 1,
            "num_attention_heads", 2, "intermediate_size", 64, "max_position_embeddings", 32, "vocab", 200);

    private static final int EPOCHS = 6;
    private static final int STEPS_PER_EPOCH = 23; // 360 train examples after glue-features' 10% valid hold-out, batches of 16

    @TempDir
    Path dir;
    private RealizeFixture fixture;
    private GeneratedGlueStage glue;

    /** The real store and realizer in {@code folder} with the stages of the chain and a generated glue task. */
    private static RealizeFixture fixture(Path folder, GeneratedGlueStage glue) {
        return new RealizeFixture(folder).add(new BertRandomInitStage(), new GlueFeaturesStage(), glue,
                new BertFinetuneGlueStage(null));
    }

    @BeforeEach
    void start() {
        glue = GeneratedTask.glue(400);
        fixture = fixture(dir.resolve("store"), glue);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Map<String, Object> config() {
        return Map.of("task", "VOWEL", "bert_stage", "bert-random-init", "bert_overrides", Json.mapper().valueToTree(TINY_BERT),
                "max_seq_length", 16, "lr", 1e-3, "batch", 16, "epochs", EPOCHS, "dropout", 0.1, "eval_batch", 50);
    }

    private RRef realize(Map<String, Object> config) throws InterruptedException {
        return fixture.realize(BertFinetuneGlueStage.NAME, config);
    }

    @Test
    void aTinyRandomInitBertLearnsAGeneratedTaskAndASecondRealizeIsServedFromTheStore() throws Exception {
        RRef first = realize(config());
        Path out = fixture.path(first);
        JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
        double accuracy = metrics.get("accuracy").doubleValue();
        assertTrue(accuracy > 0.8, "dev accuracy " + accuracy + " (chance is 0.5), metrics " + metrics);
        for (String m : List.of("loss", "train_seconds", "examples_per_second", "steps")) {
            assertTrue(metrics.has(m), m + " in " + metrics);
        }
        assertEquals(EPOCHS * STEPS_PER_EPOCH, metrics.get("steps").intValue());
        List<String> history = Files.readAllLines(out.resolve("history.jsonl"));
        assertEquals(EPOCHS * (STEPS_PER_EPOCH + 1), history.size());
        JsonNode firstStep = Json.mapper().readTree(history.get(0));
        assertEquals(0.0, firstStep.get("learning_rate").doubleValue(), "warmup starts at 0");
        JsonNode epochEnd = Json.mapper().readTree(history.get(history.size() - 1));
        assertEquals("dev", epochEnd.get("split").textValue());
        assertEquals(accuracy, epochEnd.get("accuracy").doubleValue());
        double peak = 0;
        for (String line : history) {
            peak = Math.max(peak, Json.mapper().readTree(line).path("learning_rate").asDouble(0));
        }
        assertEquals(1e-3, peak, 1e-4);
        // the fine-tuned checkpoint in bert-checkpoint's layout, TensorBoard events, the curves
        for (String f : List.of("bert_model.ckpt.index", "bert_model.ckpt.data-00000-of-00001", "bert_config.json",
                "vocab.txt", "model.json", FineTuner.CURVES)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (Stream<Path> events = Files.list(out.resolve(FineTuner.EVENTS))) {
            assertTrue(events.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")));
        }
        Map<String, String> notes = fixture.notes(first);
        assertEquals("cpu", notes.get("device"), "the device is recorded: " + notes);
        assertTrue(javax.imageio.ImageIO.read(out.resolve(FineTuner.CURVES).toFile()).getWidth() > 100);

        // a later stage restores the fine-tuned checkpoint (encoder and head) and gets the same dev accuracy
        Path features = fixture.path(fixture.dependency(first, "features"));
        assertEquals(accuracy, FineTuner.evaluateCheckpoint(out, features, "dev", 32).get("accuracy"));

        // the Predictor, from the texts: glue's dev pairs predicted give the recorded dev accuracy
        TextSplit dev = TextSplit.read(fixture.path(fixture.dependency(first, "data")).resolve("dev.jsonl"));
        try (var p = TextSplit.predictors(fixture, new BertPredictors()).open(first)) {
            assertEquals(org.stagedml.api.predict.Predictor.InputKind.TEXT_PAIR, p.inputKind());
            assertEquals(List.of("0", "1"), p.labels());
            assertEquals(accuracy, dev.accuracy(p.predict(dev.inputs())), 1e-9, "predictions reproduce the recorded accuracy");
            assertThrows(IllegalArgumentException.class, () -> p.predict(org.stagedml.api.predict.PredictionInput.text("b c d")));
        }

        // again: the best existing realization, nothing rebuilt
        int glueBuilds = glue.builds();
        RRef second = realize(config());
        assertEquals(first, second);
        assertEquals(glueBuilds, glue.builds());
        assertEquals(1, fixture.store().realizations(first.dref()).size());

        // the same config built afresh in another store: the same metrics (seeded init, shuffle and dropout)
        fixture.close();
        fixture = fixture(dir.resolve("store2"), GeneratedTask.glue(400));
        JsonNode again = Json.mapper().readTree(fixture.path(realize(config())).resolve("metrics.json").toFile());
        assertEquals(metrics.get("accuracy").doubleValue(), again.get("accuracy").doubleValue());
        assertEquals(metrics.get("loss").doubleValue(), again.get("loss").doubleValue(), 1e-6);
    }

    @Test
    void refusesBadConfigsWithClearMessages() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> fixture.realizer().instantiate(BertFinetuneGlueStage.NAME, Map.of("warmup", 1.5)));
        assertTrue(e.getMessage().contains("warmup"), e.getMessage());
        assertThrows(ConfigException.class, () -> fixture.realizer().instantiate(BertFinetuneGlueStage.NAME, Map.of("batch", 0)));
        var closure = fixture.realizer().instantiate(BertFinetuneGlueStage.NAME, config());
        long checkpoints = closure.nodes().stream().filter(n -> n.derivation().stage().equals("bert-random-init")).count();
        assertEquals(1, checkpoints, "features and the model share one checkpoint derivation");
    }

    /** A dataset stage of the user's own texts, as text-classification is: provides glue-jsonl, needs a file. */
    private static final class OwnTexts implements org.stagedml.api.stage.Stage {
        @Override
        public String name() {
            return "own-texts";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "labelled texts from a file (instantiated only)";
        }

        @Override
        public List<String> provides() {
            return List.of(org.stagedml.api.stage.DataLayouts.GLUE_JSONL);
        }

        @Override
        public org.stagedml.api.ConfigSchema schema() {
            return org.stagedml.api.ConfigSchema.of(org.stagedml.api.FieldSpec.required("train", org.stagedml.api.FieldType.STRING, "file"),
                    org.stagedml.api.FieldSpec.string("text", "text", "column"));
        }

        @Override
        public List<String> promises(org.stagedml.api.Config config) {
            return List.of("task.json");
        }

        @Override
        public void build(org.stagedml.api.stage.BuildContext b) {
            throw new UnsupportedOperationException("instantiated only");
        }
    }

    @Test
    void dataChoosesTheDatasetStageAndItsDottedOverridesReachGlueFeatures() {
        fixture.add(new OwnTexts());
        Map<String, Object> overrides = new java.util.LinkedHashMap<>(config());
        overrides.put("data", "own-texts");
        overrides.put("data.train", "/x.csv");
        overrides.put("data.text", "review");
        var closure = fixture.realizer().instantiate(BertFinetuneGlueStage.NAME, overrides);
        var own = closure.nodes().stream().filter(n -> n.derivation().stage().equals("own-texts")).toList();
        assertEquals(1, own.size(), "the model's data and glue-features' data are one derivation: " + own);
        assertEquals("/x.csv", own.get(0).derivation().config().getString("train"));
        assertEquals("review", own.get(0).derivation().config().getString("text"));
        assertTrue(closure.nodes().stream().noneMatch(n -> n.derivation().stage().equals("glue")), "no glue when data chooses another stage");
        var features = closure.nodes().stream().filter(n -> n.derivation().stage().equals(GlueFeaturesStage.NAME)).findFirst().orElseThrow();
        assertEquals(own.get(0).dref(), features.dependencies().get("data"));
        var model = closure.nodes().stream().filter(n -> n.derivation().stage().equals(BertFinetuneGlueStage.NAME)).findFirst().orElseThrow();
        assertEquals(own.get(0).dref(), model.dependencies().get("data"));
        // a stage that writes no glue-jsonl is refused naming the field
        ConfigException e = assertThrows(ConfigException.class, () -> fixture.realizer().instantiate(BertFinetuneGlueStage.NAME,
                Map.of("data", "bert-random-init")));
        assertTrue(e.getMessage().contains("data"), e.getMessage());
    }
}
