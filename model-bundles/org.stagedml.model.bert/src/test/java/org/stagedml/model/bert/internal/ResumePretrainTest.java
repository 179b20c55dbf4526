package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.dataset.bert.PretrainingExample;
import org.stagedml.dataset.bert.TfRecordWriter;
import org.stagedml.store.internal.FileStore;

/**
 * A pre-training run cancelled in the middle of an epoch resumes from its last checkpoint (encoder,
 * new heads and AdamW's moments) and ends, on the CPU, with the same held-out metrics and history as
 * an uninterrupted run; its output holds no work files.
 */
class ResumePretrainTest {
    private static final BertHyper TINY = new BertHyper(40, 16, 1, 2, 32, 16, 2);
    private static final int SEQ = 16;
    private static final int PRED = 3;
    private static final FineTuneSettings SETTINGS = new FineTuneSettings(1e-3, 4, 2, 0.1, 0.01, 0.1, 1, 8);

    @TempDir
    Path dir;

    @Test
    void aResumedPretrainingEndsAsAnUninterruptedOne() throws Exception {
        Path bert = Files.createDirectories(dir.resolve("bert"));
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(TINY, SEQ, 5, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":40,\"hidden_size\":16,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":32,\"max_position_embeddings\":16,\"type_vocab_size\":2}");
        Files.writeString(bert.resolve("vocab.txt"), "[PAD]\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        records(data.resolve(Pretrainer.TRAIN), 64, 1); // 16 steps per epoch
        records(data.resolve(Pretrainer.DEV), 12, 2);
        Files.writeString(data.resolve(Pretrainer.DATA_JSON), "{\"max_seq_length\":16,\"max_predictions_per_seq\":3,\"vocab_size\":40}");
        Files.copy(bert.resolve("vocab.txt"), data.resolve("vocab.txt"));

        List<Map<String, ?>> wholeHistory = new ArrayList<>();
        Map<String, Double> whole = run(bert, data, "whole", wholeHistory, Integer.MAX_VALUE, null);
        assertFalse(Files.exists(dir.resolve("whole/work")), "the work files are gone");

        Checkpoint area = new FileStore(dir.resolve("store"))
                .checkpoint(new DRef("0123456789abcdef0123456789abcdef", BertPretrainStage.NAME), 0, null);
        assertThrows(CancelledException.class, () -> run(bert, data, "killed", new ArrayList<>(), 23, area));
        assertTrue(area.last().isPresent());
        List<Map<String, ?>> resumedHistory = new ArrayList<>();
        Map<String, Double> resumed = run(bert, data, "resumed", resumedHistory, Integer.MAX_VALUE, area);
        for (String k : List.of("mlm_accuracy", "mlm_loss", "nsp_accuracy", "nsp_loss", "loss", "steps")) {
            assertEquals(whole.get(k), resumed.get(k), k + ": " + whole + " vs " + resumed);
        }
        assertEquals(ResumeFineTuneTest.comparable(wholeHistory), ResumeFineTuneTest.comparable(resumedHistory));
    }

    private Map<String, Double> run(Path bert, Path data, String name, List<Map<String, ?>> history, int cancelAfter, Checkpoint area)
            throws Exception {
        TrainingSink sink = GeneratedTask.cancellingSink(cancelAfter, history::add);
        FineTuner tuner = new FineTuner(SETTINGS, false, sink);
        if (area != null) {
            tuner.withCheckpoint(area, 5);
        }
        return new Pretrainer(tuner, SETTINGS, sink).run(bert, data, Files.createDirectories(dir.resolve(name)));
    }

    /** Random examples: token ids 5..39, three predictions each, NSP labels alternating. */
    private static void records(Path file, int n, long seed) throws Exception {
        Random r = new Random(seed);
        try (TfRecordWriter w = new TfRecordWriter(file)) {
            for (int i = 0; i < n; i++) {
                int len = 6 + r.nextInt(SEQ - 5);
                int[] tokens = new int[len];
                int[] segments = new int[len];
                for (int t = 0; t < len; t++) {
                    tokens[t] = 5 + r.nextInt(35);
                    segments[t] = t >= len / 2 ? 1 : 0;
                }
                int[] positions = {1, 2, 3};
                int[] labels = {tokens[1], tokens[2], tokens[3]};
                w.write(PretrainingExample.padded(tokens, segments, positions, labels, i % 2 == 1, SEQ, PRED).toExample());
            }
        }
    }
}
