package org.stagedml.model.textcnn.internal;

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
import org.tensorflow.types.TInt32;

/**
 * textcnn-glue's network as a TensorFlow graph: token embeddings - width-3 1-D convolution
 * ('same' padding, ReLU) - max over time - dropout - softmax output, the mean negative
 * log-likelihood, one Adam step and the checkpoint ops ({@link SoftmaxClassifier}). Tokens are int32
 * ids {@code [n, maxLen]} (0 padding), labels int32. Dropout is active only when its keep
 * probability is fed below 1 (see {@link SoftmaxClassifier#dropout}).
 */
final class TextCnnGraph {
    static final int WIDTH = 3;

    final int maxLen;
    final int vocab;
    final int classes;
    final Placeholder<TInt32> tokens;
    /** Labels, dropout, probabilities, loss, Adam and checkpoint ops. */
    final SoftmaxClassifier.Output out;

    TextCnnGraph(Graph g, TextCnnSettings s, int vocab, int classes) {
        this.maxLen = s.maxLen();
        this.vocab = vocab;
        this.classes = classes;
        Ops tf = Ops.create(g);
        tokens = tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, maxLen)));
        SoftmaxClassifier head = new SoftmaxClassifier(tf);
        GraphParameters parameters = head.parameters;

        Operand<TFloat32> table = parameters.add("embedding", new long[] {vocab, s.embed()}, vocab, s.embed());
        // [n, len, embed] as an image of height 1: the 1-D convolution is a 1 x WIDTH conv2d
        Operand<TFloat32> x = tf.expandDims(tf.gather(table, tokens, tf.constant(0)), tf.constant(1));
        Operand<TFloat32> kernel = parameters.add("conv_kernel", new long[] {1, WIDTH, s.embed(), s.filters()},
                s.embed() * WIDTH, s.filters() * WIDTH);
        Operand<TFloat32> bias = parameters.add("conv_bias", new long[] {s.filters()}, 0, 0);
        // max over time ([n, filters]), then bias and ReLU: both commute with the max (the bias is the
        // same at every position, ReLU is monotone), so the values are those of max(relu(conv + bias))
        // on a tensor maxLen times smaller. MaxPooling runs on oneDNN, where tf.max's gradient took
        // several generic ops over the whole [n, 1, len, filters]; its gradient goes to one maximum
        // where tf.max split it among ties (PyTorch's max goes to one too)
        x = MaxPooling.pool(tf, tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), 1, maxLen);
        x = tf.nn.relu(tf.nn.biasAdd(tf.reshape(x, tf.constant(new int[] {-1, s.filters()})), bias));
        x = head.dropout(x);
        Operand<TFloat32> w = parameters.add("output_kernel", new long[] {s.filters(), classes}, s.filters(), classes);
        Operand<TFloat32> b = parameters.add("output_bias", new long[] {classes}, 0, 0);
        out = head.output(tf.nn.biasAdd(tf.linalg.matMul(x, w), b), classes, s.lr());
    }
}
