package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regression head (STS-B): one output, squared error, Pearson and Spearman on dev. */
class RegressionFineTuneTest {
    private static final BertHyper TINY = new BertHyper(40, 32, 1, 2, 64, 16, 2);

    @TempDir
    Path dir;

    @Test
    void aRegressionTaskTrainsAndReportsCorrelations() throws Exception {
        Path bert = dir.resolve("bert");
        Files.createDirectories(bert);
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(TINY, 16, 5, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":40,\"hidden_size\":32,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":64,\"max_position_embeddings\":16,\"type_vocab_size\":2}");
        Files.writeString(bert.resolve("vocab.txt"), "[PAD]\n");
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), 40, 16, 256, 64, 0, true);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Map<String, Double> m = new FineTuner(new FineTuneSettings(1e-3, 16, 4, 0.1, 0.01, 0.0, 3, 32), false,
                GeneratedTask.quietSink()).run(bert, features, out);
        assertTrue(m.containsKey("pearson") && m.containsKey("spearman"), m.toString());
        assertFalse(m.containsKey("accuracy"), m.toString());
        assertTrue(Double.isFinite(m.get("loss")), m.toString());
        // the score follows the input length: the model picks it up
        assertTrue(m.get("pearson") > 0.5, m.toString());
        assertEquals(m.get("pearson"), FineTuner.evaluateCheckpoint(out, features, "dev", 64).get("pearson"), 1e-6);
    }
}
