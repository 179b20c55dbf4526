package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

class TransformerModelTest {
    /** The decoding path (encoder output fed back, one row per prefix) gives the logits teacher forcing gives. */
    @Test
    void decoderStepEqualsTeacherForcedPosition() {
        try (TransformerModel m = TransformerModel.create(TransformerSize.TINY, 17, 0.1, 5, 1, DeviceSessions.CPU)) {
            int[] source = {5, 9, 3, 12, 7, 1};
            int[] target = {4, 16, 2, 8, 1};
            float[][] forced = m.teacherForced(source, target);
            TransformerModel.EncodedSource enc = m.encode(source);
            // prefixes of every length in one call: rows of different lengths, padded behind
            int[][] prefixes = new int[target.length][];
            for (int k = 0; k < target.length; k++) {
                prefixes[k] = Arrays.copyOf(target, k);
            }
            float[][] stepped = enc.logProbs(prefixes);
            for (int k = 0; k < target.length; k++) {
                float[] one = enc.logProbs(new int[][] {prefixes[k]})[0];
                for (int v = 0; v < 17; v++) {
                    assertEquals(forced[k][v], stepped[k][v], 1e-4, "position " + k + " token " + v);
                    assertEquals(forced[k][v], one[v], 1e-4, "position " + k + " token " + v + " alone");
                }
            }
            // the cached decoder, step by step: two prefixes per step (the target and a branch of it)
            NextTokenScorer cached = enc.cached();
            for (int k = 0; k < target.length; k++) {
                int[] branch = Arrays.copyOf(target, k);
                if (k > 0) {
                    branch[k - 1] = 3;
                }
                float[][] both = cached.logProbs(new int[][] {prefixes[k], branch});
                float[] alone = enc.logProbs(new int[][] {branch})[0];
                for (int v = 0; v < 17; v++) {
                    assertEquals(forced[k][v], both[0][v], 1e-4, "cached, position " + k + " token " + v);
                    assertEquals(alone[v], both[1][v], 1e-4, "cached branch, position " + k + " token " + v);
                }
            }
            // a prefix the cache has not seen falls back to the whole prefix
            assertEquals(forced[3][5], cached.logProbs(new int[][] {Arrays.copyOf(target, 3)})[0][5], 1e-4);
            double sum = 0;
            for (float p : stepped[2]) {
                sum += Math.exp(p);
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void trainingLowersTheLossAndPaddingIsIgnored() {
        List<int[][]> pairs = CopyReverse.pairs(64, 3, 6, 1);
        try (TransformerModel m = TransformerModel.create(TransformerSize.TINY, CopyReverse.VOCAB, 0.0, 5, 1, DeviceSessions.CPU)) {
            PairBatch b = PairBatch.of(pairs);
            double before = m.loss(b);
            // the same pairs padded further give the same loss
            int[][] longer = {Arrays.copyOf(pairs.get(0)[0], 12), Arrays.copyOf(pairs.get(0)[1], 12)};
            assertEquals(m.loss(PairBatch.of(List.<int[][]>of(pairs.get(0)))), m.loss(PairBatch.of(List.<int[][]>of(longer))), 1e-4);
            NoamSchedule lr = new NoamSchedule(1.0, 64, 20);
            for (int s = 1; s <= 40; s++) {
                m.step(b, lr.at(s), s, 0.1, 7);
            }
            double after = m.loss(b);
            assertTrue(after < before * 0.7, "loss " + before + " -> " + after);
        }
    }
}
