package org.stagedml.model.convnet.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.engine.tensorflow.training.VariableCheckpoint;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The LeNet-style network as a TensorFlow graph: conv k x k (conv1, valid, ReLU) - max pool 2 -
 * conv k x k (conv2, valid, ReLU) - max pool 2 - dense (ReLU) - dropout - softmax output, the mean
 * negative log-likelihood, one Adam step over every parameter (TensorFlow's fused ApplyAdam) and
 * the checkpoint ops. Images are NHWC {@code [n, rows, cols, 1]} floats in [0,1], labels int32.
 * Dropout is active only when {@link #keepProb} is fed below 1, with stateless masks seeded by
 * {@link #dropoutSeed} so that a run is reproducible.
 */
final class LeNetGraph {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    /** DL4J's and PyTorch's Adam epsilon. */
    static final float EPSILON = 1e-8f;

    /** One trainable variable: its name in the model file, shape, fan-in/out for Xavier, and its initialiser. */
    record Parameter(String name, long[] shape, int fanIn, int fanOut, Variable<TFloat32> variable,
            Operand<TFloat32> read, Placeholder<TFloat32> initValue, Op init) {
        boolean bias() {
            return shape.length == 1;
        }

        int size() {
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            return n;
        }
    }

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
    /** Adam's beta1^t and beta2^t for step t, fed each step (bias correction inside ApplyAdam). */
    final Placeholder<TFloat32> beta1Power;
    final Placeholder<TFloat32> beta2Power;
    final Op trainStep;
    /** Zeroes Adam's moments. */
    final Op resetSlots;
    final List<Parameter> parameters = new ArrayList<>();
    final Placeholder<TString> checkpointPrefix;
    final Op save;
    final Op restore;
    /** Weights and Adam moments: what a training checkpoint saves to resume (see LeNetModel#saveState). */
    final VariableCheckpoint trainingState;

    private final Ops tf;

    LeNetGraph(Graph g, ConvNetSettings s, int rows, int cols, int classes) {
        this.rows = rows;
        this.cols = cols;
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

        beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        List<Operand<?>> reads = new ArrayList<>();
        parameters.forEach(p -> reads.add(p.read()));
        Gradients grads = tf.gradients(loss, reads);
        Operand<TFloat32> lr = tf.constant((float) s.lr());
        Operand<TFloat32> b1 = tf.constant(BETA1);
        Operand<TFloat32> b2 = tf.constant(BETA2);
        Operand<TFloat32> eps = tf.constant(EPSILON);
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
        trainStep = tf.withControlDependencies(updates).noOp();
        resetSlots = tf.withControlDependencies(resets).noOp();

        checkpointPrefix = tf.withName("checkpoint_prefix").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        String[] names = parameters.stream().map(Parameter::name).toArray(String[]::new);
        Operand<TString> nameTensor = tf.constant(NdArrays.vectorOfObjects(names));
        String[] whole = new String[names.length];
        java.util.Arrays.fill(whole, ""); // empty shape-and-slice: whole tensors
        Operand<TString> slices = tf.constant(NdArrays.vectorOfObjects(whole));
        save = tf.train.save(checkpointPrefix, nameTensor, slices, reads);
        List<Class<? extends TType>> types = new ArrayList<>();
        parameters.forEach(p -> types.add(TFloat32.class));
        var restored = tf.train.restore(checkpointPrefix, nameTensor, slices, types);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> value = (Operand<TFloat32>) restored.tensors().get(i);
            assigns.add(tf.assign(parameters.get(i).variable(), value));
        }
        restore = tf.withControlDependencies(assigns).noOp();
        trainingState = VariableCheckpoint.of(tf, "training_state", state);
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

    /** A variable read through an Identity (math on a raw ref variable fails in TensorFlow Java). */
    private Operand<TFloat32> parameter(String name, long[] shape, int fanIn, int fanOut) {
        Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> value = tf.withName(name + "_init").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(shape)));
        Op init = tf.assign(v, value);
        Operand<TFloat32> read = tf.identity(v);
        parameters.add(new Parameter(name, shape, fanIn, fanOut, v, read, value, init));
        return read;
    }
}
