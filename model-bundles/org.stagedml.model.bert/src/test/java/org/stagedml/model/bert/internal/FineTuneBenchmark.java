package org.stagedml.model.bert.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Training speed of the mini BERT (L-4 H-256 A-4, vocabulary 30522, seq 128, batch 32; random
 * weights) on this machine's CPU: examples per second and achieved FLOP/s (3x the forward FLOPs of
 * the dense layers and attention), beside the FLOP/s of a large float matrix product measured in
 * the same run. {@code mvn -B -P benchmarks test} runs it.
 */
@Tag("benchmark")
class FineTuneBenchmark {
    private static final BertHyper MINI = new BertHyper(30522, 256, 4, 4, 1024, 512, 2);
    private static final int SEQ = 128;
    private static final int BATCH = 32;
    private static final int STEPS = 6; // the first is warm-up and not counted

    @TempDir
    Path dir;

    @Test
    void miniBertTrainingSpeedBesideMatmul() throws Exception {
        double matmul1024 = matmulFlops(1024, 10);
        double matmul2048 = matmulFlops(2048, 4);

        Path bert = BertSideBySide.writeMiniBert(dir.resolve("bert"));
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), MINI.vocabSize(), SEQ, BATCH * STEPS, BATCH, 0);
        List<Long> stepEnds = new ArrayList<>();
        TrainingSink timing = GeneratedTask.historySink(record -> {
            if (record.containsKey("learning_rate")) {
                stepEnds.add(System.nanoTime());
            }
        });
        new FineTuner(new FineTuneSettings(2e-5, BATCH, 1, 0.1, 0.01, 0.1, 1, 64), false, timing)
                .run(bert, features, dir.resolve("out"));
        double matmul2048After = matmulFlops(2048, 4);
        double seconds = (stepEnds.get(stepEnds.size() - 1) - stepEnds.get(0)) / 1e9;
        int counted = stepEnds.size() - 1;
        double examplesPerSecond = counted * BATCH / seconds;
        double flopsPerExample = 3 * forwardFlops(MINI, SEQ);
        double achieved = examplesPerSecond * flopsPerExample;
        System.out.println();
        System.out.println("| measurement (CPU, " + Runtime.getRuntime().availableProcessors() + " cores) | value |");
        System.out.println("|---|---|");
        System.out.printf("| matmul 1024^3 float32 | %.1f GFLOP/s |%n", matmul1024 / 1e9);
        System.out.printf("| matmul 2048^3 float32 (before / after the BERT steps) | %.1f / %.1f GFLOP/s |%n", matmul2048 / 1e9,
                matmul2048After / 1e9);
        matmul2048 = Math.max(matmul2048, matmul2048After);
        System.out.printf("| mini BERT train step (batch %d, seq %d), mean of %d | %.3f s |%n", BATCH, SEQ, counted, seconds / counted);
        System.out.printf("| mini BERT training examples/s | %.1f |%n", examplesPerSecond);
        System.out.printf("| mini BERT training FLOP per example (3x forward) | %.2f GFLOP |%n", flopsPerExample / 1e9);
        System.out.printf("| mini BERT achieved | %.1f GFLOP/s (%.0f %% of the better matmul 2048^3) |%n", achieved / 1e9,
                100 * achieved / matmul2048);
    }

    /** Forward FLOPs of one example: Q, K, V, output projections, feed-forward, attention products, pooler. */
    static double forwardFlops(BertHyper h, int s) {
        double hid = h.hiddenSize();
        double perLayer = 2.0 * s * hid * hid * 4 + 2.0 * s * hid * h.intermediateSize() * 2 + 2.0 * s * s * hid * 2;
        return h.numLayers() * perLayer + 2 * hid * hid;
    }

    private static double matmulFlops(int n, int runs) {
        float[] v = new float[n * n];
        Random r = new Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        try (Graph g = new Graph(); Session s = new Session(g, FineTuner.sessionConfig(false));
                TFloat32 a = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(v, true, false))) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            // a scalar out, so the copy of the product back to Java is not timed
            Operand<TFloat32> sum = tf.sum(tf.linalg.matMul(x, y), tf.constant(new int[] {0, 1}));
            s.runner().feed(x, a).feed(y, a).fetch(sum).run().close();
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                s.runner().feed(x, a).feed(y, a).fetch(sum).run().close();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return runs * 2.0 * n * n * n / seconds;
        }
    }
}
