package org.stagedml.model.textcnn.internal;

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
 * textcnn-glue's network as a TensorFlow graph: token embeddings - width-3 1-D convolution
 * ('same' padding, ReLU) - max over time - dropout - softmax output, the mean negative
 * log-likelihood, one Adam step and the checkpoint ops ({@link GraphParameters}). Tokens are int32
 * ids {@code [n, maxLen]} (0 padding), labels int32. Dropout is active only when {@link #keepProb}
 * is fed below 1, with stateless masks seeded by {@link #dropoutSeed} so that a run is reproducible.
 */
final class TextCnnGraph {
    static final int WIDTH = 3;

    final int maxLen;
    final int vocab;
    final int classes;
    final Placeholder<TInt32> tokens;
    final Placeholder<TInt32> labels;
    final PlaceholderWithDefault<TFloat32> keepProb;
    final PlaceholderWithDefault<TInt64> dropoutSeed;
    /** Class probabilities {@code [n, classes]}. */
    final Operand<TFloat32> probabilities;
    final Operand<TFloat32> loss;
    final GraphParameters parameters;
    final GraphParameters.Adam adam;
    final GraphParameters.Checkpoint checkpoint;

    TextCnnGraph(Graph g, TextCnnSettings s, int vocab, int classes) {
        this.maxLen = s.maxLen();
        this.vocab = vocab;
        this.classes = classes;
        Ops tf = Ops.create(g);
        parameters = new GraphParameters(tf);
        tokens = tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, maxLen)));
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
        dropoutSeed = tf.withName("dropout_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));

        Operand<TFloat32> table = parameters.add("embedding", new long[] {vocab, s.embed()}, vocab, s.embed());
        // [n, len, embed] as an image of height 1: the 1-D convolution is a 1 x WIDTH conv2d
        Operand<TFloat32> x = tf.expandDims(tf.gather(table, tokens, tf.constant(0)), tf.constant(1));
        Operand<TFloat32> kernel = parameters.add("conv_kernel", new long[] {1, WIDTH, s.embed(), s.filters()},
                s.embed() * WIDTH, s.filters() * WIDTH);
        Operand<TFloat32> bias = parameters.add("conv_bias", new long[] {s.filters()}, 0, 0);
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias));
        x = tf.max(x, tf.constant(new int[] {1, 2})); // over time: [n, filters]
        x = dropout(tf, x);
        Operand<TFloat32> w = parameters.add("output_kernel", new long[] {s.filters(), classes}, s.filters(), classes);
        Operand<TFloat32> b = parameters.add("output_bias", new long[] {classes}, 0, 0);
        Operand<TFloat32> logProbs = tf.nn.logSoftmax(tf.nn.biasAdd(tf.linalg.matMul(x, w), b));
        probabilities = tf.withName("probabilities").math.exp(logProbs);
        // -sum(log p * one-hot): TensorFlow Java has no gradient for the sparse cross-entropy op
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.withName("loss").math.mean(tf.math.neg(tf.sum(tf.math.mul(logProbs, oneHot), tf.constant(-1))),
                tf.constant(0), Mean.keepDims(false));
        adam = parameters.adam(loss, s.lr());
        checkpoint = parameters.checkpoint();
    }

    /** Inverted dropout with keep probability {@link #keepProb}. */
    private Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), dropoutSeed);
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(keepProb, uniform));
        return tf.math.div(tf.math.mul(x, keep), keepProb);
    }
}
