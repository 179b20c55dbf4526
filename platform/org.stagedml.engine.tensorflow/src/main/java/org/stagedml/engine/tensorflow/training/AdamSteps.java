package org.stagedml.engine.tensorflow.training;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The running side of {@link GraphParameters#adam}: counts a model's steps and feeds Adam's bias
 * correction ({@code beta1^t}, {@code beta2^t}) with each one. One per model, its state in fields.
 */
public final class AdamSteps {
    private long steps;
    private float beta1Power = 1;
    private float beta2Power = 1;

    /** Steps run so far. */
    public long steps() {
        return steps;
    }

    /** The number the next step will have (1-based): seeds per-step randomness such as dropout. */
    public long next() {
        return steps + 1;
    }

    /**
     * Runs one step: the runner already holds the batch's feeds; returns the batch's mean loss
     * before the update.
     */
    public float run(Session.Runner runner, GraphParameters.Adam adam, Operand<TFloat32> loss) {
        float b1 = beta1Power * GraphParameters.BETA1;
        float b2 = beta2Power * GraphParameters.BETA2;
        float value;
        try (TFloat32 p1 = TFloat32.scalarOf(b1); TFloat32 p2 = TFloat32.scalarOf(b2);
                Result res = runner.feed(adam.beta1Power(), p1).feed(adam.beta2Power(), p2)
                        .fetch(loss).addTarget(adam.step()).run()) {
            value = ((TFloat32) res.get(0)).getFloat();
        }
        steps++;
        beta1Power = b1;
        beta2Power = b2;
        return value;
    }

    /** The rows of a {@code [n, width]} float result, e.g. class probabilities. */
    public static float[][] rows(TFloat32 t, int n, int width) {
        float[] flat = new float[n * width];
        t.copyTo(DataBuffers.of(flat, false, false));
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }
}
