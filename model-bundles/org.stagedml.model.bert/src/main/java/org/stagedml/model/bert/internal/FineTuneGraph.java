package org.stagedml.model.bert.internal;

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
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The whole fine-tuning graph: the {@link BertEncoder}, run_classifier's head ({@code output_weights
 * [labels, hidden]}, {@code output_bias}; one output and squared error for regression) or another
 * {@link HeadBuilder} (run_squad's {@link SpanHead}), the loss
 * ({@code -sum(logSoftmax * oneHot)}: TensorFlow Java has no gradient for the sparse cross-entropy
 * op), BERT's AdamW and the checkpoint ops.
 */
final class FineTuneGraph {
    static final String OUTPUT_WEIGHTS = "output_weights";
    static final String OUTPUT_BIAS = "output_bias";

    /** Every parameter but the new head (run_classifier's or run_squad's): what a pretrained checkpoint provides. */
    static boolean encoderParameter(String name) {
        return !name.equals(OUTPUT_WEIGHTS) && !name.equals(OUTPUT_BIAS) && !name.startsWith(SpanHead.SCOPE + "/");
    }

    final BertEncoder encoder;
    final ParameterSet params;
    final int numLabels;
    final boolean regression;
    /** int32 label ids, or float scores for regression. */
    final Placeholder<? extends TType> labels;
    /** [batch, labels] logits, or [batch] scores for regression. */
    final Operand<TFloat32> predictions;
    final Operand<TFloat32> loss;
    final AdamW optimizer;
    /** The checkpoint file prefix for the save and restore ops. */
    final Placeholder<TString> checkpointPrefix;
    final Op save;
    final List<String> restoredNames = new ArrayList<>();
    final Op restore;
    /** Parameters and AdamW's moments: what a training checkpoint saves to resume. */
    final VariableCheckpoint trainingState;
    /** Placeholders and assigns for the parameters not restored (the head, or all for a fresh model). */
    final List<Initializer> initializers;

    FineTuneGraph(Graph g, BertHyper hyper, int seqLength, int numLabels, boolean regression, double weightDecay,
            java.util.function.Predicate<String> restoreFromCheckpoint) {
        this(g, hyper, seqLength, (tf, scopes, params, encoder) -> classifierHead(tf, scopes, params, encoder, numLabels, regression),
                regression ? 1 : numLabels, regression, weightDecay, restoreFromCheckpoint);
    }

    /** What a head adds on the encoder: the fed targets, its outputs and the loss to minimize. */
    record Head(Placeholder<? extends TType> labels, Operand<TFloat32> predictions, Operand<TFloat32> loss) {
    }

    /** Builds a head on the encoder, its parameters in the same set. */
    interface HeadBuilder {
        Head build(Ops tf, GraphScopes scopes, ParameterSet params, BertEncoder encoder);
    }

    /** The encoder with the given head (e.g. {@link SpanHead}), and AdamW and the checkpoint ops for all. */
    FineTuneGraph(Graph g, BertHyper hyper, int seqLength, HeadBuilder headBuilder, int numLabels, boolean regression,
            double weightDecay, java.util.function.Predicate<String> restoreFromCheckpoint) {
        Ops tf = Ops.create(g);
        GraphScopes scopes = new GraphScopes(tf);
        this.params = new ParameterSet(scopes);
        this.numLabels = numLabels;
        this.regression = regression;
        encoder = new BertEncoder(scopes, params, hyper, seqLength);
        Head head = headBuilder.build(tf, scopes, params, encoder);
        labels = head.labels();
        predictions = head.predictions();
        this.loss = head.loss();
        optimizer = new AdamW(scopes, params, this.loss, weightDecay);

        Ops ckpt = scopes.get("checkpoint");
        checkpointPrefix = ckpt.withName("prefix").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        List<Operand<?>> reads = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ParameterSet.Parameter p : params.all()) {
            names.add(p.name());
            reads.add(p.read());
        }
        save = ckpt.train.save(checkpointPrefix, strings(ckpt, names), strings(ckpt, blanks(names.size())), reads);
        List<ParameterSet.Parameter> toRestore = params.all().stream().filter(p -> restoreFromCheckpoint.test(p.name())).toList();
        toRestore.forEach(p -> restoredNames.add(p.name()));
        List<Class<? extends TType>> types = new ArrayList<>();
        toRestore.forEach(p -> types.add(TFloat32.class));
        var restored = ckpt.train.restore(checkpointPrefix, strings(ckpt, restoredNames), strings(ckpt, blanks(toRestore.size())), types);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < toRestore.size(); i++) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> value = (Operand<TFloat32>) restored.tensors().get(i);
            assigns.add(ckpt.assign(toRestore.get(i).variable(), value));
        }
        restore = ckpt.withControlDependencies(assigns).noOp();
        initializers = List.copyOf(initializers(tf.withSubScope("init"), this));
        Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
        params.all().forEach(p -> state.put(p.name(), p.variable()));
        optimizer.slots.all().forEach(p -> state.put(p.name(), p.variable()));
        trainingState = VariableCheckpoint.of(tf, "training_state", state);
    }

    /** run_classifier's head on the pooled output: logits over the labels and cross-entropy, or one score and squared error. */
    private static Head classifierHead(Ops tf, GraphScopes scopes, ParameterSet params, BertEncoder encoder, int numLabels,
            boolean regression) {
        int n = regression ? 1 : numLabels;
        Placeholder<? extends TType> labels;
        Operand<TFloat32> predictions;
        Operand<TFloat32> lossOp;
        Operand<TFloat32> w = params.create(OUTPUT_WEIGHTS, n, encoder.hyper.hiddenSize());
        Operand<TFloat32> b = params.create(OUTPUT_BIAS, n);
        Ops loss = scopes.get("loss");
        Operand<TFloat32> pooled = encoder.dropout(encoder.pooledOutput);
        Operand<TFloat32> logits = loss.nn.biasAdd(loss.linalg.matMul(pooled, w, MatMul.transposeB(true)), b);
        if (regression) {
            Placeholder<TFloat32> y = tf.withName("label").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            labels = y;
            predictions = loss.reshape(logits, loss.constant(new int[] {-1}));
            lossOp = loss.math.mean(loss.math.squaredDifference(predictions, y), loss.constant(0));
        } else {
            Placeholder<TInt32> y = tf.withName("label_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            labels = y;
            predictions = logits;
            lossOp = loss.math.mean(crossEntropy(loss, logits, y, numLabels), loss.constant(0), Mean.keepDims(false));
        }
        return new Head(labels, predictions, lossOp);
    }

    /**
     * {@code -sum(logSoftmax(logits) * oneHot(labels))} over the last axis (of size {@code depth}):
     * TensorFlow Java has no gradient for the sparse cross-entropy op.
     */
    static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int depth) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(depth), tf.constant(1f), tf.constant(0f));
        return tf.math.neg(tf.sum(tf.math.mul(tf.nn.logSoftmax(logits), oneHot), tf.constant(-1)));
    }

    private static Operand<TString> strings(Ops tf, List<String> values) {
        return tf.constant(NdArrays.vectorOfObjects(values.toArray(String[]::new)));
    }

    private static List<String> blanks(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("");
        }
        return l;
    }

    /** Feeds a parameter's initial value: the placeholder and the assign op, built per parameter not restored. */
    record Initializer(ParameterSet.Parameter parameter, Placeholder<TFloat32> value, Op assign) {
    }

    /** For each parameter not restored from the checkpoint: a placeholder and an assign to give it a value. */
    private static List<Initializer> initializers(Ops tf, FineTuneGraph m) {
        List<Initializer> out = new ArrayList<>();
        for (ParameterSet.Parameter p : m.params.all()) {
            if (!m.restoredNames.contains(p.name())) {
                Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(p.shape())));
                out.add(new Initializer(p, v, tf.assign(p.variable(), v)));
            }
        }
        return out;
    }
}
