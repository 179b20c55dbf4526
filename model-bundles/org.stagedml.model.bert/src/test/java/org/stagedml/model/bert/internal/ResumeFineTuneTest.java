package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.store.internal.FileStore;

/**
 * A fine-tuning run cancelled in the middle of an epoch resumes from its last checkpoint (saved every
 * few steps and at every epoch) and ends, on the CPU, with the same metrics, history and checkpoint
 * as an uninterrupted run with the same seed.
 */
class ResumeFineTuneTest {
    private static final BertHyper TINY = new BertHyper(40, 16, 1, 2, 32, 16, 2);
    private static final FineTuneSettings SETTINGS = new FineTuneSettings(1e-3, 4, 2, 0.1, 0.01, 0.1, 1, 8);

    @TempDir
    Path dir;

    private static TrainingSink sink(List<Map<String, ?>> history, int cancelAfter) {
        return GeneratedTask.cancellingSink(cancelAfter, history::add);
    }

    @Test
    void aResumedRunEndsAsAnUninterruptedOne() throws Exception {
        Path bert = dir.resolve("bert");
        Files.createDirectories(bert);
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(TINY, 16, 5, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":40,\"hidden_size\":16,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":32,\"max_position_embeddings\":16,\"type_vocab_size\":2}");
        Files.writeString(bert.resolve("vocab.txt"), "[PAD]\n");
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), 40, 16, 64, 8, 0); // 16 steps per epoch

        List<Map<String, ?>> wholeHistory = new ArrayList<>();
        Path wholeOut = Files.createDirectories(dir.resolve("whole"));
        Map<String, Double> whole = new FineTuner(SETTINGS, false, sink(wholeHistory, Integer.MAX_VALUE)).run(bert, features, wholeOut);

        Checkpoint area = new FileStore(dir.resolve("store"))
                .checkpoint(new DRef("0123456789abcdef0123456789abcdef", "bert-finetune-glue"), 0, null);
        Path killedOut = Files.createDirectories(dir.resolve("killed"));
        assertThrows(CancelledException.class, () -> new FineTuner(SETTINGS, false, sink(new ArrayList<>(), 23))
                .withCheckpoint(area, 5).run(bert, features, killedOut));
        assertTrue(area.last().isPresent());

        List<Map<String, ?>> resumedHistory = new ArrayList<>();
        Path resumedOut = Files.createDirectories(dir.resolve("resumed"));
        FineTuner again = new FineTuner(SETTINGS, false, sink(resumedHistory, Integer.MAX_VALUE)).withCheckpoint(area, 5);
        Map<String, Double> resumed = again.run(bert, features, resumedOut);
        assertEquals("step 20 (epoch 2, batch 4)", again.resumedFrom(), "the last checkpoint before step 23: every 5 steps");
        for (String k : List.of("accuracy", "f1", "loss", "steps")) {
            assertEquals(whole.get(k), resumed.get(k), k + ": " + whole + " vs " + resumed);
        }
        assertEquals(comparable(wholeHistory), comparable(resumedHistory));
        assertEquals(FineTuner.evaluateCheckpoint(wholeOut, features, "dev", 8),
                FineTuner.evaluateCheckpoint(resumedOut, features, "dev", 8));
        assertNull(new FineTuner(SETTINGS, false, sink(new ArrayList<>(), Integer.MAX_VALUE)).resumedFrom());
    }

    /** History records as history.jsonl holds them (a replayed record comes back from JSON). */
    static List<String> comparable(List<Map<String, ?>> history) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map<String, ?> h : history) {
            out.add(Json.mapper().writeValueAsString(new TreeMap<>(h)));
        }
        return out;
    }
}
