package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.PretrainingExample;
import org.stagedml.dataset.bert.TfRecordWriter;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/** The pre-training records read back through the memory-mapped work file: every field of every example, by index. */
class PretrainDataTest {
    private static final int SEQ = 12;
    private static final int PRED = 3;

    @TempDir
    Path dir;

    private static List<PretrainingExample> examples(int n, int vocab) {
        Random r = new Random(5);
        List<PretrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 5 + r.nextInt(SEQ - 4);
            int[] tokens = new int[len];
            int[] segments = new int[len];
            for (int t = 0; t < len; t++) {
                tokens[t] = r.nextInt(vocab);
                segments[t] = t > len / 2 ? 1 : 0;
            }
            int k = 1 + r.nextInt(PRED);
            int[] positions = new int[k];
            int[] labels = new int[k];
            for (int j = 0; j < k; j++) {
                positions[j] = 1 + j;
                labels[j] = r.nextInt(vocab);
            }
            out.add(PretrainingExample.padded(tokens, segments, positions, labels, r.nextBoolean(), SEQ, PRED));
        }
        return out;
    }

    private Path write(List<PretrainingExample> examples) throws Exception {
        Path f = dir.resolve("train.tfrecord");
        try (TfRecordWriter w = new TfRecordWriter(f)) {
            for (PretrainingExample e : examples) {
                w.write(e.toExample());
            }
        }
        return f;
    }

    @Test
    void everyFieldOfEveryExampleComesBackByIndex() throws Exception {
        List<PretrainingExample> examples = examples(40, 50);
        Path work = dir.resolve("work.bin");
        PretrainData d = PretrainData.read(write(examples), work, SEQ, PRED, 50);
        assertEquals(40, d.size());
        assertEquals(40L * (6 * SEQ + 12 * PRED + 1), Files.size(work));
        int[] idx = {39, 0, 17, 17};
        try (PretrainData.Batch b = d.batch(idx)) {
            for (int i = 0; i < idx.length; i++) {
                PretrainingExample e = examples.get(idx[i]);
                assertArrayEquals(e.inputIds(), row(b.inputIds(), i, SEQ));
                assertArrayEquals(e.inputMask(), row(b.inputMask(), i, SEQ));
                assertArrayEquals(e.segmentIds(), row(b.segmentIds(), i, SEQ));
                assertArrayEquals(e.maskedLmPositions(), row(b.positions(), i, PRED));
                assertArrayEquals(e.maskedLmIds(), row(b.maskedIds(), i, PRED));
                float[] w = new float[idx.length * PRED];
                b.weights().copyTo(DataBuffers.of(w, false, false));
                for (int j = 0; j < PRED; j++) {
                    assertEquals(e.maskedLmWeights()[j], w[i * PRED + j]);
                    assertEquals(e.maskedLmWeights()[j], d.weight(idx[i], j));
                    assertEquals(e.maskedLmIds()[j], d.maskedId(idx[i], j));
                }
                assertEquals(e.nextSentenceLabel(), b.nextSentence().getInt(i));
                assertEquals(e.nextSentenceLabel(), d.nextSentence(idx[i]));
            }
        }
    }

    @Test
    void idsOfAnotherVocabularyAreRefusedNamingTheRecord() throws Exception {
        Path f = write(examples(5, 50));
        StagedmlException e = assertThrows(StagedmlException.class, () -> PretrainData.read(f, dir.resolve("w.bin"), SEQ, PRED, 10));
        assertTrue(e.getMessage().contains("record 0") && e.getMessage().contains("vocab_size 10"), e.getMessage());
        e = assertThrows(StagedmlException.class, () -> PretrainData.read(f, dir.resolve("w.bin"), SEQ + 1, PRED, 50));
        assertTrue(e.getMessage().contains("rebuild bert-pretrain-data"), e.getMessage());
    }

    private static int[] row(TInt32 t, int i, int width) {
        int[] all = new int[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(all, false, false));
        return java.util.Arrays.copyOfRange(all, i * width, (i + 1) * width);
    }
}
