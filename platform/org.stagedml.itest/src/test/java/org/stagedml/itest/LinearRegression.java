package org.stagedml.itest;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Fits y = 3x + 2 with TensorFlow Java and tensorflow-framework's gradient descent. */
final class LinearRegression {
    private static final float[] X = {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 1.75f};

    private LinearRegression() {}

    /** The mean squared error before each of {@code steps} training steps. */
    static List<Float> train(int steps) {
        float[] y = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = 3f * X[i] + 2f;
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class);
            Variable<TFloat32> w = tf.variable(tf.constant(0f));
            Variable<TFloat32> b = tf.variable(tf.constant(0f));
            // variables are read through identity: gradients of ops on raw ref variables misbehave
            Operand<TFloat32> prediction = tf.math.add(tf.math.mul(x, tf.identity(w)), tf.identity(b));
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(tf.math.sub(prediction, target)), tf.constant(0));
            Op minimize = new GradientDescent(graph, 0.1f).minimize(loss);
            session.initialize();

            List<Float> losses = new ArrayList<>();
            try (TFloat32 xs = TFloat32.vectorOf(X); TFloat32 ys = TFloat32.vectorOf(y)) {
                for (int step = 0; step < steps; step++) {
                    try (Result r = session.runner().feed(x, xs).feed(target, ys)
                            .addTarget(minimize).fetch(loss).run()) {
                        losses.add(((TFloat32) r.get(0)).getFloat());
                    }
                }
            }
            return losses;
        }
    }
}
