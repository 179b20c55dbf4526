package org.stagedml.engine.dl4j.internal;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.engine.Gpu;

/**
 * {@code stage:engines --check} for ND4J: a float32 matrix product of side {@value #SIDE}, timed
 * after a warm-up, as GFLOP/s (2·n³ per product): on the CPU backend the CPU, on the CUDA backend
 * every GPU (the checking thread attached to each in turn).
 */
final class Nd4jCheck {
    static final int SIDE = 1024;
    private static final int RUNS = 5;

    private Nd4jCheck() {
    }

    static List<String> run(boolean cuda, List<Gpu> gpus) {
        List<String> lines = new ArrayList<>();
        if (!cuda) {
            lines.add(String.format("cpu %.1f GFLOP/s", gflops()));
            return lines;
        }
        for (Gpu g : gpus) {
            Nd4j.getAffinityManager().unsafeSetDevice(g.index());
            lines.add(String.format("%s %.1f GFLOP/s", g, gflops()));
        }
        return lines;
    }

    private static double gflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIDE, SIDE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIDE, SIDE);
        a.mmul(b).sumNumber(); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            a.mmul(b).sumNumber(); // the sum waits for the product (asynchronous on CUDA)
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return 2.0 * SIDE * SIDE * SIDE * RUNS / seconds / 1e9;
    }
}
