package org.stagedml.model.convnet.internal;

import java.util.List;
import org.stagedml.engine.tensorflow.training.GraphParameters;
import org.stagedml.engine.tensorflow.training.MaxPooling;
import org.stagedml.engine.tensorflow.training.SoftmaxClassifier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The LeNet-style network as a TensorFlow graph: conv k x k (conv1, valid, ReLU) - max pool 2 -
 * conv k x k (conv2, valid, ReLU) - max pool 2 - dense (ReLU) - dropout - softmax output, the mean
 * negative log-likelihood, one Adam step over every parameter and the checkpoint ops
 * ({@link SoftmaxClassifier}). Images are NHWC {@code [n, rows, cols, channels]} floats in [0,1], labels int32.
 * Dropout is active only when its keep probability is fed below 1 (see {@link SoftmaxClassifier#dropout}).
 */
final class LeNetGraph {
    final int rows;
    final int cols;
    final int channels;
    final int classes;
    final Placeholder<TFloat32> images;
    /** Labels, dropout, probabilities, loss, Adam and checkpoint ops. */
    final SoftmaxClassifier.Output out;

    private final Ops tf;
    private final GraphParameters parameters;

    LeNetGraph(Graph g, ConvNetSettings s, int rows, int cols, int channels, int classes) {
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.classes = classes;
        this.tf = Ops.create(g);
        int k = s.kernel();
        int r1 = (rows - k + 1) / 2;
        int c1 = (cols - k + 1) / 2;
        int r2 = (r1 - k + 1) / 2;
        int c2 = (c1 - k + 1) / 2;
        if (r2 < 1 || c2 < 1) {
            throw new IllegalArgumentException("images of " + rows + "x" + cols + " are too small for two "
                    + k + "x" + k + " convolutions with pooling");
        }
        int flat = r2 * c2 * s.conv2();
        images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, rows, cols, channels)));
        SoftmaxClassifier head = new SoftmaxClassifier(tf);
        this.parameters = head.parameters;

        // ReLU after the pooling: max and ReLU commute (both monotone), so the values and gradients
        // are those of pool(relu(conv)), with a ReLU four times smaller
        Operand<TFloat32> x = tf.nn.relu(MaxPooling.pool(tf, conv("conv1", images, k, channels, s.conv1()), 2, 2));
        x = tf.nn.relu(MaxPooling.pool(tf, conv("conv2", x, k, s.conv1(), s.conv2()), 2, 2));
        x = tf.reshape(x, tf.constant(new int[] {-1, flat}));
        x = tf.nn.relu(dense("dense", x, flat, s.dense()));
        x = head.dropout(x);
        out = head.output(dense("output", x, s.dense(), classes), classes, s.lr());
    }

    /** The convolution plus its bias (TensorFlow fuses the two), without the activation. */
    private Operand<TFloat32> conv(String name, Operand<TFloat32> x, int k, int in, int out) {
        Operand<TFloat32> w = parameter(name + "_kernel", new long[] {k, k, in, out}, in * k * k, out * k * k);
        Operand<TFloat32> b = parameter(name + "_bias", new long[] {out}, 0, 0);
        return tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "VALID"), b);
    }

    private Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> w = parameter(name + "_kernel", new long[] {in, out}, in, out);
        Operand<TFloat32> b = parameter(name + "_bias", new long[] {out}, 0, 0);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
    }

    private Operand<TFloat32> parameter(String name, long[] shape, int fanIn, int fanOut) {
        return parameters.add(name, shape, fanIn, fanOut);
    }
}
