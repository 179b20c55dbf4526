package org.stagedml.engine.tensorflow.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The trainable float variables of a model's graph and the ops every model trains them with: a
 * seeded Xavier-normal initialisation (zero biases, as DL4J's XAVIER and PyTorch's
 * {@code xavier_normal_}), one Adam step over all of them (TensorFlow's fused ApplyAdam, bias
 * correction fed as beta powers) and a checkpoint save/restore by name. Build the forward graph
 * with {@link #add}, then call {@link #adam} and {@link #checkpoint} once each.
 */
public final class GraphParameters {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    /** DL4J's and PyTorch's Adam epsilon. */
    public static final float EPSILON = 1e-8f;

    /** One trainable variable: its name in the checkpoint, shape, fan-in/out for Xavier, and its initialiser. */
    public record Parameter(String name, long[] shape, int fanIn, int fanOut, Variable<TFloat32> variable,
            Operand<TFloat32> read, Placeholder<TFloat32> initValue, Op init) {
        /** Biases (vectors) start at zero. */
        public boolean bias() {
            return shape.length == 1;
        }

        public int size() {
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            return n;
        }
    }

    /**
     * Adam's ops: feed {@code beta1^t} and {@code beta2^t} with each {@link #step}; {@link #resetSlots}
     * zeroes the moments. {@link #state} holds every parameter and its two moments by checkpoint name
     * ({@code name}, {@code name_adam_m}, {@code name_adam_v}): what a resumed training restores
     * ({@link AdamCheckpoint}).
     */
    public record Adam(Placeholder<TFloat32> beta1Power, Placeholder<TFloat32> beta2Power, Op step, Op resetSlots,
            Map<String, Variable<TFloat32>> state) {
    }

    /** Feed the file prefix to {@link #prefix} and run {@link #save} or {@link #restore}. */
    public record Checkpoint(Placeholder<TString> prefix, Op save, Op restore) {
    }

    private final Ops tf;
    private final List<Parameter> parameters = new ArrayList<>();

    public GraphParameters(Ops tf) {
        this.tf = tf;
    }

    /** A new variable, read through an Identity (math on a raw ref variable fails in TensorFlow Java). */
    public Operand<TFloat32> add(String name, long[] shape, int fanIn, int fanOut) {
        Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> value = tf.withName(name + "_init").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(shape)));
        Op init = tf.assign(v, value);
        Operand<TFloat32> read = tf.identity(v);
        parameters.add(new Parameter(name, shape, fanIn, fanOut, v, read, value, init));
        return read;
    }

    public List<Parameter> all() {
        return List.copyOf(parameters);
    }

    /** One Adam step minimising {@code loss} over every parameter. */
    public Adam adam(Operand<TFloat32> loss, double learningRate) {
        return adam(loss, tf.constant((float) learningRate), BETA1, BETA2, EPSILON);
    }

    /**
     * One Adam step with a learning rate computed in the graph or fed each step (a schedule) and
     * Adam's own betas and epsilon (the beta powers fed with each step are then powers of these).
     */
    public Adam adam(Operand<TFloat32> loss, Operand<TFloat32> lr, float beta1, float beta2, float epsilon) {
        Placeholder<TFloat32> beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        List<Operand<?>> reads = new ArrayList<>();
        parameters.forEach(p -> reads.add(p.read()));
        Gradients grads = tf.gradients(loss, reads);
        Operand<TFloat32> b1 = tf.constant(beta1);
        Operand<TFloat32> b2 = tf.constant(beta2);
        Operand<TFloat32> eps = tf.constant(epsilon);
        // every gradient before any update: Identity reads of a ref variable alias its buffer, so an
        // in-place ApplyAdam racing with a backprop op that still reads the weights changes results
        List<Operand<TFloat32>> gradient = new ArrayList<>();
        List<Op> gradientsDone = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            @SuppressWarnings("unchecked")
            var gi = tf.identity((Operand<TFloat32>) (Operand<?>) grads.dy(i));
            gradient.add(gi);
            gradientsDone.add(gi);
        }
        Ops apply = tf.withControlDependencies(gradientsDone);
        List<Op> updates = new ArrayList<>();
        List<Op> resets = new ArrayList<>();
        Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Variable<TFloat32> m = tf.withName(p.name() + "_adam_m").variable(Shape.of(p.shape()), TFloat32.class);
            Variable<TFloat32> v = tf.withName(p.name() + "_adam_v").variable(Shape.of(p.shape()), TFloat32.class);
            state.put(p.name(), p.variable());
            state.put(p.name() + "_adam_m", m);
            state.put(p.name() + "_adam_v", v);
            updates.add(apply.train.applyAdam(p.variable(), m, v, beta1Power, beta2Power, lr, b1, b2, eps, gradient.get(i)));
            Operand<TFloat32> zeros = tf.zeros(tf.constant(p.shape()), TFloat32.class);
            resets.add(tf.assign(m, zeros));
            resets.add(tf.assign(v, zeros));
        }
        return new Adam(beta1Power, beta2Power, tf.withControlDependencies(updates).noOp(),
                tf.withControlDependencies(resets).noOp(), java.util.Collections.unmodifiableMap(state));
    }

    /** Saves and restores every parameter by its name (TensorFlow's V2 checkpoint format). */
    public Checkpoint checkpoint() {
        Placeholder<TString> prefix = tf.withName("checkpoint_prefix").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        List<Operand<?>> reads = new ArrayList<>();
        parameters.forEach(p -> reads.add(p.read()));
        String[] names = parameters.stream().map(Parameter::name).toArray(String[]::new);
        Operand<TString> nameTensor = tf.constant(NdArrays.vectorOfObjects(names));
        String[] whole = new String[names.length];
        Arrays.fill(whole, ""); // empty shape-and-slice: whole tensors
        Operand<TString> slices = tf.constant(NdArrays.vectorOfObjects(whole));
        Op save = tf.train.save(prefix, nameTensor, slices, reads);
        List<Class<? extends TType>> types = new ArrayList<>();
        parameters.forEach(p -> types.add(TFloat32.class));
        var restored = tf.train.restore(prefix, nameTensor, slices, types);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> value = (Operand<TFloat32>) restored.tensors().get(i);
            assigns.add(tf.assign(parameters.get(i).variable(), value));
        }
        return new Checkpoint(prefix, save, tf.withControlDependencies(assigns).noOp());
    }

    /**
     * Sets every parameter from the seed (Xavier-normal weights, std sqrt(2 / (fanIn + fanOut)),
     * zero biases, drawn in the order the parameters were added) and zeroes Adam's moments.
     */
    public void initialize(Session session, long seed, Adam adam) {
        Random r = new Random(seed);
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (Parameter p : parameters) {
                float[] v = new float[p.size()];
                if (!p.bias()) {
                    double std = Math.sqrt(2.0 / (p.fanIn() + p.fanOut()));
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (r.nextGaussian() * std);
                    }
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(p.shape()), DataBuffers.of(v, true, false));
                fed.add(t);
                runner.feed(p.initValue(), t).addTarget(p.init());
            }
            runner.addTarget(adam.resetSlots()).run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
