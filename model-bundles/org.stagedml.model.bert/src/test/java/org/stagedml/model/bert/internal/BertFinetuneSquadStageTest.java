package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.dataset.bert.SquadEvaluation;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.SquadFeaturesStage;
import org.stagedml.testing.RealizeFixture;

/**
 * bert-finetune-squad end to end through the real realizer and store, with the real bert-random-init
 * and squad-features and a generated span task standing in for squad: a tiny random-init BERT learns
 * to find the answers, over windows of contexts longer than one window.
 */
class BertFinetuneSquadStageTest {
    private static final int EPOCHS = 16;

    @TempDir
    Path dir;
    private RealizeFixture fixture;
    private GeneratedSquad squad;

    @BeforeEach
    void start() {
        squad = new GeneratedSquad(240, 40);
        fixture = new RealizeFixture(dir.resolve("store")).add(new BertRandomInitStage(), new SquadFeaturesStage(), squad,
                new BertFinetuneSquadStage(null));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Map<String, Object> tinyBert() {
        return Map.of("hidden_size", 32, "num_hidden_layers", 1, "num_attention_heads", 2, "intermediate_size", 64,
                "max_position_embeddings", 32, "vocab", GeneratedSquad.vocab());
    }

    private static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bert", "bert-random-init");
        tinyBert().forEach((k, v) -> c.put("bert." + k, v));
        // query [CLS] what is named ? [SEP] ... [SEP]: 32 - 4 - 3 = 25 pieces per window, contexts up to 40: two windows
        c.put("max_seq_length", 32);
        c.put("doc_stride", 12);
        c.put("max_query_length", 8);
        c.put("lr", 1e-3);
        c.put("batch", 16);
        c.put("epochs", EPOCHS);
        c.put("dropout", 0.0);
        c.put("eval_batch", 64);
        return c;
    }

    @Test
    void aTinyBertLearnsToFindTheAnswersAndTheSecondRealizeIsServedFromTheStore() throws Exception {
        RRef first = fixture.realize(BertFinetuneSquadStage.NAME, config());
        Path out = fixture.path(first);
        JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
        double f1 = metrics.get("f1").doubleValue();
        double em = metrics.get("exact_match").doubleValue();
        // the baseline: always the first two words of the context (an untrained span guess)
        Path features = fixture.path(fixture.dependency(first, "features"));
        Map<String, List<String>> truths = new LinkedHashMap<>();
        Map<String, String> firstWords = new LinkedHashMap<>();
        for (String line : Files.readAllLines(features.resolve("dev.jsonl"))) {
            JsonNode q = Json.mapper().readTree(line);
            truths.put(q.get("id").asText(), List.of(q.get("answers").get(0).get("text").asText()));
            String[] w = q.get("context").asText().split(" ");
            firstWords.put(q.get("id").asText(), w[0] + " " + w[1]);
        }
        double baseline = SquadEvaluation.evaluate(truths, firstWords).f1();
        System.out.println("bert-finetune-squad on the generated task: " + metrics + ", baseline F1 " + baseline);
        List<String> steps = Files.readAllLines(out.resolve("history.jsonl"));
        assertTrue(f1 > 70 && f1 > baseline + 50, "dev F1 " + f1 + " (baseline " + baseline + "), metrics " + metrics + ", history "
                + steps.subList(0, 5) + steps.subList(steps.size() - 3, steps.size()));
        assertTrue(em > 40, "dev exact match " + em + ", metrics " + metrics);
        assertTrue(features.resolve("features.json").toFile().exists());
        JsonNode info = Json.mapper().readTree(features.resolve("features.json").toFile());
        assertTrue(info.get("counts").get("dev").asInt() > 40, "contexts longer than a window: " + info);

        // history: per step, and per epoch the dev scores; the final scores are the last epoch's
        List<String> history = Files.readAllLines(out.resolve("history.jsonl"));
        List<JsonNode> epochs = history.stream().map(SquadTestJson::parse).filter(h -> h.has("split")).toList();
        assertEquals(EPOCHS, epochs.size());
        assertEquals(f1, epochs.get(EPOCHS - 1).get("f1").doubleValue());
        assertTrue(epochs.get(EPOCHS - 1).get("f1").doubleValue() > epochs.get(0).get("f1").doubleValue(), "F1 rose: " + epochs);

        // predictions: in the context's own spelling (capitals kept, the comma dropped), the n best with probabilities
        JsonNode predictions = Json.mapper().readTree(out.resolve(SquadFineTuner.PREDICTIONS).toFile());
        JsonNode nbest = Json.mapper().readTree(out.resolve(SquadFineTuner.NBEST).toFile());
        assertEquals(truths.size(), predictions.size());
        int exact = 0;
        for (Iterator<String> ids = predictions.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String p = predictions.get(id).asText();
            exact += p.equals(truths.get(id).get(0)) ? 1 : 0; // byte for byte, before any normalization
            assertEquals(p, nbest.get(id).get(0).get("text").asText());
            double sum = 0;
            for (JsonNode c : nbest.get(id)) {
                sum += c.get("probability").asDouble();
            }
            assertEquals(1, sum, 1e-6);
        }
        assertTrue(exact > 0.4 * truths.size(), exact + " predictions equal their answer byte for byte");
        for (String f : List.of("bert_model.ckpt.index", "bert_config.json", "vocab.txt", "model.json", FineTuner.CURVES)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }

        // the Predictor: a new context and question in, the answer span and its probability out
        GeneratedSquad.Question q = GeneratedSquad.question(new Random(99));
        try (SquadPredictors.SquadPredictor predictor = SquadPredictors.open(out)) {
            Prediction p = predictor.predict(PredictionInput.pair(q.context(), GeneratedSquad.QUESTION));
            assertTrue(q.context().contains(p.label()), p.label() + " is a span of " + q.context());
            assertTrue(p.probability(p.label()) > 0 && p.probability(p.label()) <= 1);
            assertThrows(IllegalArgumentException.class, () -> predictor.predict(PredictionInput.text("no question")));
        }

        // again: matched by best:f1, nothing rebuilt
        int builds = squad.builds();
        assertEquals(first, fixture.realize(BertFinetuneSquadStage.NAME, config()));
        assertEquals(builds, squad.builds());
    }

    @Test
    void refusesBadConfigsAndSharesTheCheckpointWithTheFeatures() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> fixture.realizer().instantiate(BertFinetuneSquadStage.NAME, Map.of("max_answer_length", 0)));
        assertTrue(e.getMessage().contains("max_answer_length"), e.getMessage());
        var closure = fixture.realizer().instantiate(BertFinetuneSquadStage.NAME, config());
        assertEquals(1, closure.nodes().stream().filter(n -> n.derivation().stage().equals("bert-random-init")).count());
        assertEquals(1, closure.nodes().stream().filter(n -> n.derivation().stage().equals("squad-features")).count());
        var bert = closure.nodes().stream().filter(n -> n.derivation().stage().equals("bert-random-init")).findFirst().orElseThrow();
        assertEquals(32, bert.derivation().config().getInt("hidden_size"), "bert.* reaches the checkpoint of both");
        // the old names bert_stage and bert_overrides give the same derivation
        Map<String, Object> old = new LinkedHashMap<>(config());
        old.keySet().removeIf(k -> k.startsWith("bert"));
        old.put("bert_stage", "bert-random-init");
        old.put("bert_overrides", Json.mapper().valueToTree(tinyBert()));
        assertEquals(closure.target(), fixture.realizer().instantiate(BertFinetuneSquadStage.NAME, old).target());
        assertEquals("best:f1", new BertFinetuneSquadStage(null).defaultMatcher().spec());
    }
}
