package org.stagedml.engine.tensorflow.training;

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
 * The parts of a classifier's graph that do not depend on its layers: the int32 labels, a dropout
 * whose keep probability ({@link #keepProb}, 1 unless fed) and stateless mask seed ({@link #dropoutSeed})
 * are fed per step so that a run is reproducible, and, on top of the network's logits, the softmax
 * probabilities, the mean negative log-likelihood, one Adam step and the checkpoint ops
 * ({@link #output}). Create it right after the network's input placeholder, add the layers' variables
 * to {@link #parameters}, then call {@link #output} once. {@link ClassifierSession} runs the result.
 */
public final class SoftmaxClassifier {
    public final GraphParameters parameters;
    public final Placeholder<TInt32> labels;
    public final PlaceholderWithDefault<TFloat32> keepProb;
    public final PlaceholderWithDefault<TInt64> dropoutSeed;
    private final Ops tf;

    /** The trained ops of a classifier: what {@link ClassifierSession} feeds, fetches and saves. */
    public record Output(SoftmaxClassifier inputs, int classes, Operand<TFloat32> probabilities, Operand<TFloat32> loss,
            GraphParameters.Adam adam, GraphParameters.Checkpoint checkpoint, AdamCheckpoint trainingState) {
    }

    public SoftmaxClassifier(Ops tf) {
        this.tf = tf;
        this.parameters = new GraphParameters(tf);
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
        dropoutSeed = tf.withName("dropout_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));
    }

    /** Inverted dropout with keep probability {@link #keepProb}. */
    public Operand<TFloat32> dropout(Operand<TFloat32> x) {
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), dropoutSeed);
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(keepProb, uniform));
        return tf.math.div(tf.math.mul(x, keep), keepProb);
    }

    /**
     * Softmax over the logits {@code [n, classes]} as {@code probabilities}, the loss, the Adam step
     * over every parameter and the checkpoint ops. Call once, after the last layer.
     */
    public Output output(Operand<TFloat32> logits, int classes, double learningRate) {
        Operand<TFloat32> logProbs = tf.nn.logSoftmax(logits);
        Operand<TFloat32> probabilities = tf.withName("probabilities").math.exp(logProbs);
        // -sum(log p * one-hot): TensorFlow Java has no gradient for the sparse cross-entropy op
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.withName("loss").math.mean(
                tf.math.neg(tf.sum(tf.math.mul(logProbs, oneHot), tf.constant(-1))), tf.constant(0), Mean.keepDims(false));
        GraphParameters.Adam adam = parameters.adam(loss, learningRate);
        GraphParameters.Checkpoint checkpoint = parameters.checkpoint();
        return new Output(this, classes, probabilities, loss, adam, checkpoint, AdamCheckpoint.of(tf, adam));
    }
}
