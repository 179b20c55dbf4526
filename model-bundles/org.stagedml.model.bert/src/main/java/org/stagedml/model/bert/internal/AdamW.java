package org.stagedml.model.bert.internal;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * BERT's AdamWeightDecayOptimizer (optimization.py), hand-written because tensorflow-framework's
 * optimizers have no decoupled weight decay and take a fixed learning rate: gradients clipped to a
 * global norm of 1.0, Adam moments without bias correction (beta1 0.9, beta2 0.999, epsilon 1e-6),
 * weight decay added to the update except for LayerNorm parameters and biases, and the learning
 * rate fed each step (warmup and decay are computed outside). Slots are
 * {@code <name>/adam_m} and {@code <name>/adam_v}, zeroed by {@link #resetSlots}.
 */
final class AdamW {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-6f;
    static final float CLIP_NORM = 1.0f;

    final Placeholder<TFloat32> learningRate;
    /** Runs one update of every parameter (and its slots). */
    final Op step;
    /** The global norm of the gradients before clipping. */
    final Operand<TFloat32> gradientNorm;
    /** Sets every slot to zero. */
    final Op resetSlots;
    /** The moments m and v of every parameter (what a training checkpoint saves besides the parameters). */
    final ParameterSet slots;

    AdamW(GraphScopes scopes, ParameterSet params, Operand<TFloat32> loss, double weightDecay) {
        Ops tf = scopes.get("adamw");
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        List<ParameterSet.Parameter> ps = params.all();
        List<Operand<?>> reads = new ArrayList<>();
        ps.forEach(p -> reads.add(p.read()));
        Gradients grads = tf.gradients(loss, reads);
        List<Operand<TFloat32>> g = new ArrayList<>();
        Operand<TFloat32> squares = tf.constant(0f);
        for (int i = 0; i < ps.size(); i++) {
            Operand<TFloat32> gi = grads.dy(i);
            g.add(gi);
            squares = tf.math.add(squares, tf.sum(tf.math.square(gi), tf.constant(axes(ps.get(i).shape().length))));
        }
        gradientNorm = tf.math.sqrt(squares);
        Operand<TFloat32> clip = tf.constant(CLIP_NORM);
        Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(gradientNorm, clip));
        // every gradient before any update: an Identity read of a ref variable aliases its buffer, so
        // an assign racing with a backprop op that still reads the weights would change the results
        List<Op> gradientsDone = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            var gi = tf.identity(g.get(i));
            g.set(i, gi);
            gradientsDone.add(gi);
        }
        Ops apply = tf.withControlDependencies(gradientsDone);
        slots = new ParameterSet(scopes);
        List<Op> updates = new ArrayList<>();
        List<Op> resets = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            ParameterSet.Parameter p = ps.get(i);
            String slot = "adamw/slots/" + p.name().replace('/', '.');
            Operand<TFloat32> m = slots.create(slot + "/adam_m", p.shape());
            Operand<TFloat32> v = slots.create(slot + "/adam_v", p.shape());
            List<ParameterSet.Parameter> made = slots.all();
            ParameterSet.Parameter mVar = made.get(made.size() - 2);
            ParameterSet.Parameter vVar = made.get(made.size() - 1);
            Operand<TFloat32> grad = tf.math.mul(g.get(i), scale);
            Operand<TFloat32> mNew = tf.math.add(tf.math.mul(tf.constant(BETA1), m), tf.math.mul(tf.constant(1 - BETA1), grad));
            Operand<TFloat32> vNew = tf.math.add(tf.math.mul(tf.constant(BETA2), v),
                    tf.math.mul(tf.constant(1 - BETA2), tf.math.square(grad)));
            Operand<TFloat32> update = tf.math.div(mNew, tf.math.add(tf.math.sqrt(vNew), tf.constant(EPSILON)));
            if (weightDecay > 0 && decays(p.name())) {
                update = tf.math.add(update, tf.math.mul(tf.constant((float) weightDecay), p.read()));
            }
            Operand<TFloat32> next = tf.math.sub(p.read(), tf.math.mul(learningRate, update));
            updates.add(apply.assign(p.variable(), next));
            updates.add(apply.assign(mVar.variable(), mNew));
            updates.add(apply.assign(vVar.variable(), vNew));
            Operand<TFloat32> zeros = tf.zeros(tf.constant(p.shape()), TFloat32.class);
            resets.add(tf.assign(mVar.variable(), zeros));
            resets.add(tf.assign(vVar.variable(), zeros));
        }
        step = tf.withControlDependencies(updates).noOp();
        resetSlots = tf.withControlDependencies(resets).noOp();
    }

    /** As BERT: no weight decay for LayerNorm parameters and biases. */
    static boolean decays(String name) {
        return !(name.contains("LayerNorm") || name.contains("layer_norm") || name.endsWith("bias"));
    }

    private static int[] axes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }
}
