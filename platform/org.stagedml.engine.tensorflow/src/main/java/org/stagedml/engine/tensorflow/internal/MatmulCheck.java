package org.stagedml.engine.tensorflow.internal;

import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.engine.Gpu;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * {@code stage:engines --check} for TensorFlow: a float32 matrix product of side {@value #SIDE} on
 * the CPU and on every GPU, timed after a warm-up run, as GFLOP/s (2·n³ per product).
 */
final class MatmulCheck {
    static final int SIDE = 1024;
    private static final int RUNS = 5;

    private MatmulCheck() {
    }

    static List<String> run(List<Gpu> gpus) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("cpu %.1f GFLOP/s", gflops(DeviceSpec.DeviceType.CPU, 0)));
        for (Gpu g : gpus) {
            lines.add(String.format("%s %.1f GFLOP/s", g, gflops(DeviceSpec.DeviceType.GPU, g.index())));
        }
        return lines;
    }

    /** Runs the product on one device (placement is strict: no soft fallback to the CPU). */
    static double gflops(DeviceSpec.DeviceType type, int index) {
        ConfigProto config = ConfigProto.newBuilder()
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)) // only what the product needs
                .build();
        Shape shape = Shape.of(SIDE, SIDE);
        // inputs fed at every run (constants would be folded by Grappler: the runs would compute nothing)
        try (Graph g = new Graph(); Session s = new Session(g, config);
                TFloat32 ta = TFloat32.tensorOf(shape, DataBuffers.of(values(1)));
                TFloat32 tb = TFloat32.tensorOf(shape, DataBuffers.of(values(2)))) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(type).deviceIndex(index).build());
            Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            Operand<TFloat32> sum = tf.sum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
            runOnce(s, sum, a, ta, b, tb); // warm-up: kernels, allocation
            long start = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                runOnce(s, sum, a, ta, b, tb);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * SIDE * SIDE * SIDE * RUNS / seconds / 1e9;
        }
    }

    private static float[] values(long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[SIDE * SIDE];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }

    private static void runOnce(Session s, Operand<TFloat32> fetch, Placeholder<TFloat32> a, TFloat32 ta,
            Placeholder<TFloat32> b, TFloat32 tb) {
        try (Result r = s.runner().feed(a, ta).feed(b, tb).fetch(fetch).run()) {
            r.get(0);
        }
    }
}
