package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.testing.RecordingMonitor;

/** A tiny Transformer learns the generated copy-and-reverse task to dev BLEU above 90. */
class CopyReverseTest {
    static TransformerSettings settings(int epochs, int beam) {
        return new TransformerSettings(TransformerSize.TINY, epochs, 320, 16, 1.0, 150, 0.1, 0.0, beam, 0.6, 3);
    }

    static TransformerTrainer.Data data() {
        List<int[][]> train = CopyReverse.pairs(3000, 3, 8, 1);
        List<int[][]> dev = CopyReverse.pairs(100, 3, 8, 2);
        List<String> refs = new ArrayList<>();
        dev.forEach(p -> refs.add(CopyReverse.text(p[1])));
        return new TransformerTrainer.Data(train, dev, refs, CopyReverse::text, CopyReverse.VOCAB);
    }

    /** A monitor that never cancels. */
    static TrainingMonitor quiet() {
        return new RecordingMonitor(Integer.MAX_VALUE);
    }

    @Test
    void learnsCopyAndReverse() {
        long t0 = System.nanoTime();
        TransformerTrainer t = new TransformerTrainer(settings(8, 1), quiet(), data(), 2, DeviceSessions.CPU);
        TransformerTrainer.Result r = t.train();
        try (TransformerModel m = r.model()) {
            r.epochs().forEach(System.out::println);
            System.out.printf("copy-reverse: %d batches/epoch, %.1f s in all%n", t.batchesPerEpoch(), (System.nanoTime() - t0) / 1e9);
            assertTrue(r.last().bleu() > 90, "dev BLEU " + r.last().bleu());
            assertEquals(r.last().bleu(), Bleu.corpus(r.devPredictions(), data().devReferences(), false).score(), 1e-9);
            beamNeverScoresBelowGreedy(m, data().dev());
        }
    }

    /** On the trained model, the beam's output scores (log-probability with EOS over the length penalty) at least as high as greedy's. */
    private static void beamNeverScoresBelowGreedy(TransformerModel m, List<int[][]> dev) {
        double alpha = 0.6;
        int compared = 0;
        int differ = 0;
        for (int[][] pair : dev.subList(0, 40)) {
            TransformerModel.EncodedSource enc = m.encode(pair[0]);
            int limit = pair[0].length + 10;
            int[] greedy = new GreedySearch(limit, TransformerVocab.EOS_ID).decode(enc::logProbs);
            int[] beam = new BeamSearch(4, alpha, limit, TransformerVocab.EOS_ID).decode(enc.cached());
            assertArrayEquals(beam, new BeamSearch(4, alpha, limit, TransformerVocab.EOS_ID).decode(enc::logProbs), "cached = uncached");
            double g = score(enc, greedy, alpha);
            double b = score(enc, beam, alpha);
            assertTrue(b >= g - 1e-5, "beam " + Arrays.toString(beam) + " scores " + b + " below greedy " + Arrays.toString(greedy) + " " + g);
            compared++;
            differ += Arrays.equals(greedy, beam) ? 0 : 1;
        }
        System.out.printf("beam vs greedy: %d sentences, %d different outputs%n", compared, differ);
    }

    /** Sum of the log-probabilities of the ids then EOS, over ((5 + length) / 6)^alpha. */
    private static double score(TransformerModel.EncodedSource enc, int[] ids, double alpha) {
        int[][] prefixes = new int[ids.length + 1][];
        for (int k = 0; k <= ids.length; k++) {
            prefixes[k] = Arrays.copyOf(ids, k);
        }
        float[][] lp = enc.logProbs(prefixes);
        double sum = 0;
        for (int k = 0; k <= ids.length; k++) {
            sum += lp[k][k < ids.length ? ids[k] : TransformerVocab.EOS_ID];
        }
        return sum / Math.pow((5.0 + ids.length + 1) / 6.0, alpha);
    }
}
