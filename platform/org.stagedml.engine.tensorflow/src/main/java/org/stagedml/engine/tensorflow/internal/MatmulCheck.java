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
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

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
        try (Graph g = new Graph(); Session s = new Session(g, config)) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(type).deviceIndex(index).build());
            Operand<TInt64> shape = tf.constant(new long[] {SIDE, SIDE});
            Operand<TFloat32> a = tf.random.randomUniform(shape, TFloat32.class);
            Operand<TFloat32> b = tf.random.randomUniform(shape, TFloat32.class);
            Operand<TFloat32> sum = tf.sum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
            runOnce(s, sum); // warm-up: kernels, allocation
            long start = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                runOnce(s, sum);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * SIDE * SIDE * SIDE * RUNS / seconds / 1e9;
        }
    }

    private static void runOnce(Session s, Operand<TFloat32> fetch) {
        try (Result r = s.runner().fetch(fetch).run()) {
            r.get(0);
        }
    }
}
