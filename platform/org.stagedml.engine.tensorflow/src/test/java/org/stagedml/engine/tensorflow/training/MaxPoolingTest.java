package org.stagedml.engine.tensorflow.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

class MaxPoolingTest {
    /** A 1 x 4 x 6 x 2 NHWC input of distinct values. */
    static float[] input() {
        float[] v = new float[48];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 1.7) * 10;
        }
        return v;
    }

    @Test
    void poolsAndBackpropagatesAsTensorFlowJavasMaxPoolV2WithTheStaticMaxPoolOp() {
        try (Graph g = new Graph(); Session s = new Session(g, CpuSessions.config(1))) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> x = tf.constant(Shape.of(1, 4, 6, 2), DataBuffers.of(input(), true, false));
            Operand<TFloat32> fixed = MaxPooling.pool(tf, x, 2, 3);
            Operand<TFloat32> v2 = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 3, 1}), tf.constant(new int[] {1, 2, 3, 1}), "VALID");
            assertEquals("MaxPool", ((GraphOperation) fixed.op()).type(), "the op TensorFlow's oneDNN rewrite takes");
            assertEquals("MaxPoolV2", ((GraphOperation) v2.op()).type());
            Gradients gFixed = tf.gradients(tf.sum(tf.math.mul(fixed, fixed), tf.constant(new int[] {0, 1, 2, 3})), List.of(x));
            Gradients gV2 = tf.gradients(tf.sum(tf.math.mul(v2, v2), tf.constant(new int[] {0, 1, 2, 3})), List.of(x));
            try (Result r = s.runner().fetch(fixed).fetch(v2).fetch(gFixed.dy(0)).fetch(gV2.dy(0)).run()) {
                float[] pooled = values((TFloat32) r.get(0), 8);
                assertArrayEquals(values((TFloat32) r.get(1), 8), pooled);
                assertEquals(Shape.of(1, 2, 2, 2), ((TFloat32) r.get(0)).shape());
                assertArrayEquals(values((TFloat32) r.get(3), 48), values((TFloat32) r.get(2), 48));
                float max = Float.NEGATIVE_INFINITY;
                for (int row = 0; row < 2; row++) {
                    for (int col = 0; col < 3; col++) {
                        max = Math.max(max, input()[(row * 6 + col) * 2]);
                    }
                }
                assertEquals(max, pooled[0], "first window, first channel");
            }
        }
    }

    private static float[] values(TFloat32 t, int n) {
        float[] v = new float[n];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }
}
