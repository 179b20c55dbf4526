package org.stagedml.model.convnet.internal;

import java.util.List;
import org.stagedml.engine.tensorflow.training.GraphParameters;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The LeNet-style network as a TensorFlow graph: conv k x k (conv1, valid, ReLU) - max pool 2 -
 * conv k x k (conv2, valid, ReLU) - max pool 2 - dense (ReLU) - dropout - softmax output, the mean
 * negative log-likelihood, one Adam step over every parameter and the checkpoint ops
 * ({@link GraphParameters}). Images are NHWC {@code [n, rows, cols, 1]} floats in [0,1], labels int32.
 * Dropout is active only when {@link #keepProb} is fed below 1, with stateless masks seeded by
 * {@link #dropoutSeed} so that a run is reproducible.
 */
final class LeNetGraph {
    final int rows;
    final int cols;
    final int classes;
    final Placeholder<TFloat32> images;
    final Placeholder<TInt32> labels;
    final PlaceholderWithDefault<TFloat32> keepProb;
    final PlaceholderWithDefault<TInt64> dropoutSeed;
    /** Class probabilities {@code [n, classes]}. */
    final Operand<TFloat32> probabilities;
    final Operand<TFloat32> loss;
    final GraphParameters parameters;
    final GraphParameters.Adam adam;
    final GraphParameters.Checkpoint checkpoint;

    private final Ops tf;

    LeNetGraph(Graph g, ConvNetSettings s, int rows, int cols, int classes) {
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.tf = Ops.create(g);
        this.parameters = new GraphParameters(tf);
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
        images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, rows, cols, 1)));
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
        dropoutSeed = tf.withName("dropout_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));

        Operand<TFloat32> x = pool(conv("conv1", images, k, 1, s.conv1()));
        x = pool(conv("conv2", x, k, s.conv1(), s.conv2()));
        x = tf.reshape(x, tf.constant(new int[] {-1, flat}));
        x = tf.nn.relu(dense("dense", x, flat, s.dense()));
        x = dropout(x);
        Operand<TFloat32> logits = dense("output", x, s.dense(), classes);
        Operand<TFloat32> logProbs = tf.nn.logSoftmax(logits);
        probabilities = tf.withName("probabilities").math.exp(logProbs);
        // -sum(log p * one-hot): TensorFlow Java has no gradient for the sparse cross-entropy op
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.withName("loss").math.mean(tf.math.neg(tf.sum(tf.math.mul(logProbs, oneHot), tf.constant(-1))),
                tf.constant(0), Mean.keepDims(false));

        adam = parameters.adam(loss, s.lr());
        checkpoint = parameters.checkpoint();
    }

    private Operand<TFloat32> conv(String name, Operand<TFloat32> x, int k, int in, int out) {
        Operand<TFloat32> w = parameter(name + "_kernel", new long[] {k, k, in, out}, in * k * k, out * k * k);
        Operand<TFloat32> b = parameter(name + "_bias", new long[] {out}, 0, 0);
        return tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "VALID"), b));
    }

    private Operand<TFloat32> pool(Operand<TFloat32> x) {
        Operand<TInt32> two = tf.constant(new int[] {1, 2, 2, 1});
        return tf.nn.maxPool(x, two, two, "VALID");
    }

    private Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> w = parameter(name + "_kernel", new long[] {in, out}, in, out);
        Operand<TFloat32> b = parameter(name + "_bias", new long[] {out}, 0, 0);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
    }

    /** Inverted dropout with keep probability {@link #keepProb}. */
    private Operand<TFloat32> dropout(Operand<TFloat32> x) {
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), dropoutSeed);
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(keepProb, uniform));
        return tf.math.div(tf.math.mul(x, keep), keepProb);
    }

    private Operand<TFloat32> parameter(String name, long[] shape, int fanIn, int fanOut) {
        return parameters.add(name, shape, fanIn, fanOut);
    }
}
