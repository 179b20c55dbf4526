package org.stagedml.engine.tensorflow.training;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A one-layer softmax classifier of 4 features into 3 classes, with dropout, Adam and checkpoint ops. */
final class TinyClassifier {
    static final int N = 24;
    final Placeholder<TFloat32> x;
    final SoftmaxClassifier.Output out;

    TinyClassifier(Graph g) {
        this(Ops.create(g));
    }

    /** Built with these ops (a device scope, say). */
    TinyClassifier(Ops tf) {
        x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
        SoftmaxClassifier head = new SoftmaxClassifier(tf);
        Operand<TFloat32> w = head.parameters.add("w", new long[] {4, 3}, 4, 3);
        Operand<TFloat32> b = head.parameters.add("b", new long[] {3}, 0, 0);
        out = head.output(tf.nn.biasAdd(tf.linalg.matMul(head.dropout(x), w), b), 3, 0.05);
    }

    /** Features of example i: class i % 3 is the feature that is 1. */
    static TFloat32 features() {
        float[] v = new float[N * 4];
        for (int i = 0; i < N; i++) {
            v[i * 4 + i % 3] = 1;
            v[i * 4 + 3] = (i % 5) / 5f;
        }
        return TFloat32.tensorOf(Shape.of(N, 4), DataBuffers.of(v, true, false));
    }

    static TInt32 labels() {
        int[] v = new int[N];
        for (int i = 0; i < N; i++) {
            v[i] = i % 3;
        }
        return TInt32.tensorOf(Shape.of(N), DataBuffers.of(v, true, false));
    }
}
