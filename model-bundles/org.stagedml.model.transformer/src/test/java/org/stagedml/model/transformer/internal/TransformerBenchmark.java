package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * Training steps per second and the cost of decoding without a cache, per size, on the CPU:
 * {@code mvn -B -P benchmarks -pl model-bundles/org.stagedml.model.transformer -am test -Dtest=TransformerBenchmark}.
 * Prints a table; asserts nothing.
 */
@Tag("benchmark")
class TransformerBenchmark {
    static final int VOCAB = 8192;
    static final int LENGTH = 32;

    @Test
    void stepsAndDecoding() {
        System.out.println("| size | batch (pairs x tokens) | s/step | tokens/s | decode 32 tokens, full prefixes | cached | one teacher-forced pass |");
        for (TransformerSize size : List.of(TransformerSize.TINY, TransformerSize.BASE)) {
            Random r = new Random(1);
            List<int[][]> pairs = new ArrayList<>();
            for (int i = 0; i < 2048 / LENGTH; i++) {
                pairs.add(new int[][] {random(r), random(r)});
            }
            PairBatch b = PairBatch.of(pairs);
            try (TransformerModel m = TransformerModel.create(size, VOCAB, 0.1, 1, Runtime.getRuntime().availableProcessors(),
                    DeviceSessions.CPU)) {
                m.step(b, 1e-4, 1, 0.1, 1);
                int steps = 3;
                long t0 = System.nanoTime();
                for (int s = 2; s < 2 + steps; s++) {
                    m.step(b, 1e-4, s, 0.1, 1);
                }
                double perStep = (System.nanoTime() - t0) / 1e9 / steps;
                int[] source = pairs.get(0)[0];
                int[] target = pairs.get(0)[1];
                TransformerModel.EncodedSource enc = m.encode(source);
                enc.logProbs(new int[][] {new int[0]});
                long t1 = System.nanoTime();
                for (int k = 0; k < LENGTH; k++) {
                    enc.logProbs(new int[][] {Arrays.copyOf(target, k)});
                }
                double decode = (System.nanoTime() - t1) / 1e9;
                NextTokenScorer warm = enc.cached(); // the first run of the step's feeds and fetches prepares its executor
                warm.logProbs(new int[][] {new int[0]});
                warm.logProbs(new int[][] {Arrays.copyOf(target, 1)});
                NextTokenScorer cached = enc.cached();
                long tc = System.nanoTime();
                for (int k = 0; k < LENGTH; k++) {
                    cached.logProbs(new int[][] {Arrays.copyOf(target, k)});
                }
                double decodeCached = (System.nanoTime() - tc) / 1e9;
                m.teacherForced(source, target);
                long t2 = System.nanoTime();
                m.teacherForced(source, target);
                double forced = (System.nanoTime() - t2) / 1e9;
                System.out.printf("| %s | %d x %d | %.3f | %.0f | %.3f s | %.3f s | %.4f s |%n", size.name(), pairs.size(), LENGTH, perStep,
                        2.0 * b.rows() * LENGTH / perStep, decode, decodeCached, forced);
            }
        }
    }

    private static int[] random(Random r) {
        int[] ids = new int[LENGTH];
        for (int i = 0; i < LENGTH - 1; i++) {
            ids[i] = 2 + r.nextInt(VOCAB - 2);
        }
        ids[LENGTH - 1] = 1;
        return ids;
    }
}
