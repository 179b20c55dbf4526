package org.stagedml.engine.tensorflow.training;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Max pooling with a window fixed when the graph is built: TensorFlow's {@code MaxPool} op, whose
 * window and strides are attributes. TensorFlow Java's {@code tf.nn.maxPool} builds
 * {@code MaxPoolV2} (window and strides as tensors), which TensorFlow's oneDNN rewrite does not
 * take: it runs on the generic kernels, and its gradient alone took a fifth of a ConvNet step here
 * (docs/PERFORMANCE.md). {@code MaxPool} and its gradient run on oneDNN.
 */
public final class MaxPooling {
    private MaxPooling() {
    }

    /**
     * Non-overlapping max pooling of NHWC {@code x} over {@code rows x cols} windows ('VALID': a
     * remainder that does not fill a window is dropped).
     */
    public static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, int rows, int cols) {
        long[] window = {1, rows, cols, 1};
        return tf.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput()).setAttr("ksize", window)
                .setAttr("strides", window).setAttr("padding", "VALID").build().output(0);
    }
}
