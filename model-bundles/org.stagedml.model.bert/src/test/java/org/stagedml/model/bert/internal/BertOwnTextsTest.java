package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.GlueFeaturesStage;
import org.stagedml.dataset.owndata.internal.TextClassificationStage;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.TextSplit;

/**
 * bert-finetune-glue on the user's own texts: a CSV the test writes (label {@code vowel} exactly when
 * one of five letters is a vowel) through {@code data=text-classification}, a tiny random-init BERT
 * chosen by {@code bert=bert-random-init bert.*}, then predictions through the Predictors service: the
 * dev split's texts predicted reproduce the recorded dev accuracy. The old names {@code bert_stage} and
 * {@code bert_overrides} give the same derivation.
 */
class BertOwnTextsTest {
    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxz";
    private static final String VOWELS = "aeiou";

    @TempDir
    Path tmp;

    /** {@code id,letters,kind}: five letters, one of them a vowel in every other row. */
    static void letters(Path csv, int n) throws Exception {
        Random r = new Random(21);
        StringBuilder s = new StringBuilder("id,letters,kind\n");
        for (int i = 0; i < n; i++) {
            boolean vowel = i % 2 == 0;
            char[] c = new char[5];
            for (int k = 0; k < 5; k++) {
                c[k] = CONSONANTS.charAt(r.nextInt(CONSONANTS.length()));
            }
            if (vowel) {
                c[r.nextInt(5)] = VOWELS.charAt(r.nextInt(VOWELS.length()));
            }
            s.append(i).append(',').append(c[0]).append(' ').append(c[1]).append(' ').append(c[2]).append(' ').append(c[3])
                    .append(' ').append(c[4]).append(',').append(vowel ? "vowel" : "none").append('\n');
        }
        Files.writeString(csv, s);
    }

    private static Map<String, Object> config(Path csv) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("data", "text-classification");
        o.put("data.train", csv.toString());
        o.put("data.text", "letters");
        o.put("data.label", "kind");
        o.put("bert", "bert-random-init");
        o.put("bert.hidden_size", 32);
        o.put("bert.num_hidden_layers", 1);
        o.put("bert.num_attention_heads", 2);
        o.put("bert.intermediate_size", 64);
        o.put("bert.max_position_embeddings", 32);
        o.put("bert.vocab", 200);
        o.put("max_seq_length", 12);
        o.put("lr", 1e-3);
        o.put("batch", 16);
        o.put("epochs", 6);
        o.put("eval_batch", 50);
        return o;
    }

    @Test
    void fineTunesOnACsvAndPredictsItsDevSplitAsRecorded() throws Exception {
        Path csv = tmp.resolve("letters.csv");
        letters(csv, 500);
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new TextClassificationStage(),
                new BertRandomInitStage(), new GlueFeaturesStage(), new BertFinetuneGlueStage(null))) {
            RRef rref = fx.realize(BertFinetuneGlueStage.NAME, config(csv));
            double accuracy = fx.metrics(rref).get("accuracy");
            assertTrue(accuracy >= 0.8, "dev accuracy " + accuracy + " (chance is 0.5)");

            TextSplit dev = TextSplit.read(fx.path(fx.dependency(rref, "data")).resolve("dev.jsonl"));
            try (Predictor p = TextSplit.predictors(fx, new BertPredictors()).open(rref)) {
                assertEquals(List.of("none", "vowel"), p.labels());
                assertEquals(Predictor.InputKind.TEXT, p.inputKind());
                List<Prediction> predicted = p.predict(dev.inputs());
                assertEquals(accuracy, dev.accuracy(predicted), 1e-9, "predictions reproduce the recorded accuracy");
                for (Prediction one : predicted) {
                    assertEquals(1.0, one.probabilities()[0] + one.probabilities()[1], 1e-5);
                }
                // one at a time gives what a batch gives
                assertEquals(predicted.get(0).label(), p.predict(dev.inputs().get(0)).label());
                assertThrows(IllegalArgumentException.class, () -> p.predict(PredictionInput.pair("b c d", "f g h")));
            }
        }
    }

    @Test
    void theOldNamesBertStageAndBertOverridesGiveTheSameDerivation() throws Exception {
        Path csv = tmp.resolve("letters.csv");
        letters(csv, 20);
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new TextClassificationStage(),
                new BertRandomInitStage(), new GlueFeaturesStage(), new BertFinetuneGlueStage(null))) {
            Map<String, Object> old = new LinkedHashMap<>();
            Map<String, Object> tiny = new LinkedHashMap<>();
            config(csv).forEach((k, v) -> {
                if (k.equals("bert")) {
                    old.put("bert_stage", v);
                } else if (k.startsWith("bert.")) {
                    tiny.put(k.substring(5), v);
                } else {
                    old.put(k, v);
                }
            });
            old.put("bert_overrides", Json.mapper().writeValueAsString(tiny)); // as typed on the command line
            var renamed = fx.realizer().instantiate(BertFinetuneGlueStage.NAME, config(csv));
            var aliased = fx.realizer().instantiate(BertFinetuneGlueStage.NAME, old);
            assertEquals(renamed.target(), aliased.target());
            // the model's checkpoint and glue-features' are one derivation, with the user's bert.* in it
            var bert = renamed.nodes().stream().filter(n -> n.derivation().stage().equals("bert-random-init")).toList();
            assertEquals(1, bert.size(), "one checkpoint derivation: " + bert);
            assertEquals(32, bert.get(0).derivation().config().getInt("hidden_size"));
            // both names at once is an error naming them
            old.put("bert", "bert-random-init");
            ConfigException both = assertThrows(ConfigException.class,
                    () -> fx.realizer().instantiate(BertFinetuneGlueStage.NAME, old));
            assertTrue(both.getMessage().contains("bert_stage") && both.getMessage().contains("bert"), both.getMessage());
            // a stage that writes no BERT checkpoint cannot fill bert
            Map<String, Object> notBert = new LinkedHashMap<>(config(csv));
            notBert.put("bert", "text-classification");
            ConfigException wrong = assertThrows(ConfigException.class,
                    () -> fx.realizer().instantiate(BertFinetuneGlueStage.NAME, notBert));
            assertTrue(wrong.getMessage().contains("bert=text-classification"), wrong.getMessage());
        }
    }
}
