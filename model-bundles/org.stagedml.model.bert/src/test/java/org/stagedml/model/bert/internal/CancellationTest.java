package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;

/** A cancelled run stops within a step and writes no checkpoint. */
class CancellationTest {
    private static final BertHyper TINY = new BertHyper(40, 16, 1, 2, 32, 16, 2);

    @TempDir
    Path dir;

    @Test
    void stopsAtTheNextStepWhenCancelled() throws Exception {
        Path bert = dir.resolve("bert");
        Files.createDirectories(bert);
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(TINY, 16, 5, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":40,\"hidden_size\":16,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":32,\"max_position_embeddings\":16,\"type_vocab_size\":2}");
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), 40, 16, 64, 8, 0);
        List<Map<String, ?>> steps = new ArrayList<>(); // one history record per training step
        TrainingSink cancelAfterThree = GeneratedTask.cancellingSink(3, steps::add);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        assertThrows(CancelledException.class, () -> new FineTuner(new FineTuneSettings(1e-3, 4, 2, 0.1, 0.01, 0.1, 1, 8), false,
                cancelAfterThree).run(bert, features, out));
        assertEquals(3, steps.size());
        assertEquals(false, Files.exists(out.resolve("bert_model.ckpt.index")));
    }
}
