package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.dataset.subword.internal.SubwordVocabStage;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.TestEngine;
import org.stagedml.testing.TextSplit;

/**
 * transformer through the real realizer and store: a generated parallel corpus, the real
 * subword-vocab built from it (handed the same data choice), training, dev BLEU in metrics.json,
 * the outputs, a second realize served from the store, and the Predictor translating like dev.
 */
class TransformerStageTest {
    @TempDir
    Path tmp;

    static TestEngine tensorFlow() {
        return new TestEngine("TensorFlow", "cpu", () -> List.of("/device:CPU:0"));
    }

    @Test
    void trainsThroughTheRealizerAndTranslates() throws Exception {
        GeneratedPairsStage pairs = new GeneratedPairsStage();
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(pairs, new SubwordVocabStage(),
                new TransformerStage(tensorFlow()))) {
            Map<String, Object> o = Map.of("data", GeneratedPairsStage.NAME, "data.train", 1500, "size", "tiny", "epochs", 6,
                    "batch_tokens", 320, "max_length", 16, "learning_rate", 1.0, "warmup_steps", 150, "dropout", 0.0,
                    "beam_size", 2);
            long t0 = System.nanoTime();
            RRef rref = fx.realize("transformer", o);
            System.out.printf("transformer end to end: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Map<String, Double> m = fx.metrics(rref);
            System.out.println("transformer end to end metrics: " + m);
            assertTrue(m.get("bleu") > 50, "dev BLEU " + m);
            assertTrue(m.containsKey("bleu_uncased") && m.containsKey("loss") && m.containsKey("best_bleu"), m.toString());
            assertEquals("cpu", fx.notes(rref).get("device"));
            List<String> history = Files.readAllLines(fx.file(rref, "history.jsonl"));
            assertEquals(6, history.stream().filter(l -> l.contains("\"bleu\"")).count(), "one BLEU record per epoch");
            List<String> predictions = Files.readAllLines(fx.file(rref, TransformerStage.PREDICTIONS), StandardCharsets.UTF_8);
            assertEquals(60, predictions.size());

            // the vocabulary was built from the same corpus derivation the model trained on
            RRef vocab = fx.dependency(rref, "vocab");
            assertEquals(fx.dependency(rref, "data"), fx.dependency(vocab, "data"));

            // a second realize is served from the store
            assertEquals(rref, fx.realize("transformer", o));
            assertEquals(1, pairs.builds());

            // the Predictor translates dev as the build did
            Path dev = fx.path(fx.dependency(rref, "data")).resolve("dev.jsonl");
            String first = org.stagedml.api.Json.mapper().readTree(Files.readAllLines(dev).get(0)).get("source").asText();
            try (Predictor p = TextSplit.predictors(fx, new TransformerPredictors()).open(rref)) {
                assertEquals(Predictor.InputKind.TEXT, p.inputKind());
                assertEquals(predictions.get(0), p.predict(PredictionInput.text(first)).label());
                assertThrows(IllegalArgumentException.class, () -> p.predict(PredictionInput.pair("a", "b")));
            }

            ConfigException wrong = assertThrows(ConfigException.class,
                    () -> fx.realizer().instantiate("transformer", Map.of("size", "huge")));
            assertTrue(wrong.getMessage().contains("huge"), wrong.getMessage());
        }
    }
}
