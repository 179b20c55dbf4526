package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.engine.tensorflow.training.GraphParameters;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The encoder-decoder Transformer of official/transformer (TensorFlow Model Garden) as a TensorFlow
 * graph: one embedding matrix shared by source, target and the pre-softmax projection (embeddings
 * scaled by sqrt(d), padding embedded as zeros), sinusoidal positions, multi-head attention (q, k, v
 * and output projections without bias, queries scaled by head size^-0.5), ReLU feed-forward layers,
 * each sublayer wrapped as the reference's PrePostProcessingWrapper ({@code x + dropout(f(norm(x)))},
 * layer norm epsilon 1e-6) and a final layer norm after each stack. Shapes are dynamic: a batch is
 * int32 {@code [batch, length]} with 0 padding, each batch as long as its longest pair.
 *
 * <p>Training feeds {@link #source}, {@link #decoderInput} (the target shifted right by one, 0
 * first: teacher forcing) and {@link #target}, and runs {@link #step} with the learning rate and
 * Adam's beta powers fed ({@link #loss}: label-smoothed cross-entropy over the non-padding target
 * positions, minus its minimum as the reference reports it). Decoding feeds {@link #scoreRows}, the
 * flat rows {@code b * length + position} of the decoder output to score, and fetches
 * {@link #scoreLogProbs}: the next-token log-softmax after each prefix. Dropout is active only when
 * {@link #keepProb} is fed below 1, its masks drawn from {@link #dropoutSeed} (stateless, so a run
 * is reproducible).
 */
final class TransformerGraph {
    static final float BETA1 = 0.9f;
    /** official/transformer's optimizer_adam_beta2 and epsilon. */
    static final float BETA2 = 0.997f;
    static final float EPSILON = 1e-9f;
    private static final float LAYER_NORM_EPSILON = 1e-6f;
    private static final float NEG_INF = -1e9f;

    final TransformerSize size;
    final int vocab;
    final Placeholder<TInt32> source;
    final Placeholder<TInt32> decoderInput;
    final Placeholder<TInt32> target;
    final PlaceholderWithDefault<TFloat32> keepProb;
    final PlaceholderWithDefault<TInt64> dropoutSeed;
    final Placeholder<TFloat32> learningRate;
    final Placeholder<TInt32> scoreRows;
    /** The encoder's output {@code [batch, source length, d]}: fed back when decoding, so the encoder runs once per sentence. */
    final Operand<TFloat32> encoderOutput;
    final Operand<TFloat32> loss;
    /** log-softmax {@code [batch * target length, vocab]} of every position (teacher forcing). */
    final Operand<TFloat32> logProbs;
    final Operand<TFloat32> scoreLogProbs;
    final GraphParameters parameters;
    final GraphParameters.Adam adam;
    final GraphParameters.Checkpoint checkpoint;
    /** Sets every layer-norm scale to 1 (GraphParameters starts vectors at 0). */
    final Op initScales;

    private final Ops tf;
    private final float labelSmoothing;
    private final Operand<TFloat32> embedding;
    private final List<Op> scaleInits = new ArrayList<>();
    /** Every parameter's read by name: the decoding step reuses the training graph's weights. */
    private final Map<String, Operand<TFloat32>> reads = new HashMap<>();
    /** False while the decoding step is built: no dropout there. */
    private boolean training = true;
    private int dropoutSites;

    /** One decoding step (see {@link #stepLogProbs}): the last token of each prefix (0 for the empty prefix). */
    final Placeholder<TInt32> stepToken;
    /** The prefixes' common length t (the position of the token being predicted). */
    final Placeholder<TInt32> stepPosition;
    /** Per decoder layer, the self-attention keys and values of the t earlier positions, {@code [n, heads, t, head size]}. */
    final List<Placeholder<TFloat32>> stepCacheKeys = new ArrayList<>();
    final List<Placeholder<TFloat32>> stepCacheValues = new ArrayList<>();
    /** Per decoder layer, those keys and values with position t appended: the next step's cache. */
    final List<Operand<TFloat32>> stepKeys = new ArrayList<>();
    final List<Operand<TFloat32>> stepValues = new ArrayList<>();
    /**
     * The next-token log-softmax {@code [n, vocab]} after n prefixes of one length t, from their last
     * tokens and cached keys and values (with {@link #encoderOutput} and {@link #source} fed): the
     * reference's cached decoding, one position per step instead of the whole prefix.
     */
    final Operand<TFloat32> stepLogProbs;

    TransformerGraph(Graph g, TransformerSize size, int vocab, double labelSmoothing) {
        this.size = size;
        this.vocab = vocab;
        this.labelSmoothing = (float) labelSmoothing;
        this.tf = Ops.create(g);
        this.parameters = new GraphParameters(tf);
        Shape batch = Shape.of(-1, -1);
        source = tf.withName("source").placeholder(TInt32.class, Placeholder.shape(batch));
        decoderInput = tf.withName("decoder_input").placeholder(TInt32.class, Placeholder.shape(batch));
        target = tf.withName("target").placeholder(TInt32.class, Placeholder.shape(batch));
        scoreRows = tf.withName("score_rows").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
        dropoutSeed = tf.withName("dropout_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        int d = size.hidden();
        // the reference's random_normal(0, d^-0.5): Xavier-normal with fan-in = fan-out = d
        embedding = param("embedding_shared_weights", new long[] {vocab, d}, d, d);

        Operand<TInt32> srcLen = length(source);
        Operand<TFloat32> srcBias = tf.reshape(tf.math.mul(tf.dtypes.cast(tf.math.equal(source, tf.constant(0)), TFloat32.class),
                tf.constant(NEG_INF)), tf.stack(List.of(tf.constant(-1), tf.constant(1), tf.constant(1), srcLen)));
        Operand<TFloat32> x = dropout(addPositions(embed(source), srcLen));
        for (int l = 0; l < size.layers(); l++) {
            String p = "encoder_layer_" + l;
            x = sublayer(x, p + "_self_attention", y -> attention(p + "_self_attention", y, srcLen, y, srcLen, srcBias));
            x = sublayer(x, p + "_ffn", y -> feedForward(p + "_ffn", y));
        }
        Operand<TFloat32> enc = layerNorm("encoder_output_norm", x);
        encoderOutput = tf.withName("encoder_output").reshape(enc, tf.stack(List.of(tf.constant(-1), srcLen, tf.constant(d))));
        Operand<TFloat32> memory = tf.reshape(encoderOutput, tf.constant(new int[] {-1, d}));

        Operand<TInt32> tgtLen = length(decoderInput);
        Operand<TFloat32> ones = tf.fill(tf.stack(List.of(tgtLen, tgtLen)), tf.constant(1f));
        Operand<TFloat32> causal = tf.reshape(tf.math.mul(tf.math.sub(tf.constant(1f), tf.linalg.bandPart(ones, tf.constant(-1), tf.constant(0))),
                tf.constant(NEG_INF)), tf.stack(List.of(tf.constant(1), tf.constant(1), tgtLen, tgtLen)));
        Operand<TFloat32> y = dropout(addPositions(embed(decoderInput), tgtLen));
        for (int l = 0; l < size.layers(); l++) {
            String p = "decoder_layer_" + l;
            y = sublayer(y, p + "_self_attention", z -> attention(p + "_self_attention", z, tgtLen, z, tgtLen, causal));
            y = sublayer(y, p + "_encdec_attention", z -> attention(p + "_encdec_attention", z, tgtLen, memory, srcLen, srcBias));
            y = sublayer(y, p + "_ffn", z -> feedForward(p + "_ffn", z));
        }
        Operand<TFloat32> dec = layerNorm("decoder_output_norm", y);
        Operand<TFloat32> logits = tf.linalg.matMul(dec, embedding, MatMul.transposeB(true));
        logProbs = tf.withName("log_probs").nn.logSoftmax(logits);
        loss = tf.withName("loss").identity(smoothedCrossEntropy(logProbs));
        scoreLogProbs = tf.withName("score_log_probs").nn.logSoftmax(
                tf.linalg.matMul(tf.gather(dec, scoreRows, tf.constant(0)), embedding, MatMul.transposeB(true)));
        adam = parameters.adam(loss, learningRate, BETA1, BETA2, EPSILON);
        checkpoint = parameters.checkpoint();

        training = false;
        stepToken = tf.withName("step_token").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        stepPosition = tf.withName("step_position").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Operand<TInt32> one = tf.constant(1);
        Operand<TFloat32> position = tf.reshape(tf.dtypes.cast(stepPosition, TFloat32.class), tf.constant(new int[] {1}));
        Operand<TFloat32> z = tf.math.add(embed(stepToken), signal(position));
        Shape cacheShape = Shape.of(-1, size.heads(), -1, size.headSize());
        for (int l = 0; l < size.layers(); l++) {
            String p = "decoder_layer_" + l;
            Placeholder<TFloat32> cachedK = tf.withName("step_cache_k_" + l).placeholder(TFloat32.class, Placeholder.shape(cacheShape));
            Placeholder<TFloat32> cachedV = tf.withName("step_cache_v_" + l).placeholder(TFloat32.class, Placeholder.shape(cacheShape));
            stepCacheKeys.add(cachedK);
            stepCacheValues.add(cachedV);
            Operand<TFloat32> normed = layerNorm(p + "_self_attention_norm", z);
            Operand<TFloat32> q = heads(dense(p + "_self_attention_q", normed, d, d, false), one);
            Operand<TFloat32> k = tf.concat(List.of(cachedK, heads(dense(p + "_self_attention_k", normed, d, d, false), one)), tf.constant(2));
            Operand<TFloat32> v = tf.concat(List.of(cachedV, heads(dense(p + "_self_attention_v", normed, d, d, false), one)), tf.constant(2));
            stepKeys.add(k);
            stepValues.add(v);
            z = tf.math.add(z, attend(p + "_self_attention", q, k, v, null));
            z = sublayer(z, p + "_encdec_attention", w -> attention(p + "_encdec_attention", w, one, memory, srcLen, srcBias));
            z = sublayer(z, p + "_ffn", w -> feedForward(p + "_ffn", w));
        }
        stepLogProbs = tf.withName("step_log_probs").nn.logSoftmax(
                tf.linalg.matMul(layerNorm("decoder_output_norm", z), embedding, MatMul.transposeB(true)));
        initScales = tf.withControlDependencies(scaleInits).noOp();
    }

    /** A sublayer in official/transformer's PrePostProcessingWrapper: x + dropout(f(layer_norm(x))). */
    private Operand<TFloat32> sublayer(Operand<TFloat32> x, String name, java.util.function.UnaryOperator<Operand<TFloat32>> f) {
        return tf.math.add(x, dropout(f.apply(layerNorm(name + "_norm", x))));
    }

    /** Token ids {@code [b, len]} to {@code [b * len, d]}: shared embeddings times sqrt(d), zero for padding (id 0). */
    private Operand<TFloat32> embed(Operand<TInt32> ids) {
        int d = size.hidden();
        Operand<TInt32> flat = tf.reshape(ids, tf.constant(new int[] {-1}));
        Operand<TFloat32> mask = tf.reshape(tf.dtypes.cast(tf.math.notEqual(flat, tf.constant(0)), TFloat32.class),
                tf.constant(new int[] {-1, 1}));
        Operand<TFloat32> e = tf.gather(embedding, flat, tf.constant(0));
        return tf.math.mul(tf.math.mul(e, mask), tf.constant((float) Math.sqrt(d)));
    }

    /** Adds the reference's get_position_encoding: sines of the first d/2 timescales, then their cosines. */
    private Operand<TFloat32> addPositions(Operand<TFloat32> x, Operand<TInt32> len) {
        int d = size.hidden();
        Operand<TFloat32> position = tf.dtypes.cast(tf.range(tf.constant(0), len, tf.constant(1)), TFloat32.class);
        Operand<TFloat32> x3 = tf.reshape(x, tf.stack(List.of(tf.constant(-1), len, tf.constant(d))));
        return tf.reshape(tf.math.add(x3, signal(position)), tf.constant(new int[] {-1, d}));
    }

    /** The position encoding {@code [len, d]} of positions {@code [len]}. */
    private Operand<TFloat32> signal(Operand<TFloat32> position) {
        int timescales = size.hidden() / 2;
        float[] inv = new float[timescales];
        double increment = Math.log(1.0e4 / 1.0) / Math.max(timescales - 1, 1);
        for (int i = 0; i < timescales; i++) {
            inv[i] = (float) Math.exp(i * -increment);
        }
        Operand<TFloat32> scaled = tf.math.mul(tf.expandDims(position, tf.constant(1)), tf.expandDims(tf.constant(inv), tf.constant(0)));
        return tf.concat(List.of(tf.math.sin(scaled), tf.math.cos(scaled)), tf.constant(1));
    }

    /** Multi-head attention of queries x {@code [b * lenQ, d]} over y {@code [b * lenK, d]}; bias broadcast to [b, heads, lenQ, lenK]. */
    private Operand<TFloat32> attention(String name, Operand<TFloat32> x, Operand<TInt32> lenQ, Operand<TFloat32> y,
            Operand<TInt32> lenK, Operand<TFloat32> bias) {
        int d = size.hidden();
        Operand<TFloat32> q = heads(dense(name + "_q", x, d, d, false), lenQ);
        Operand<TFloat32> k = heads(dense(name + "_k", y, d, d, false), lenK);
        Operand<TFloat32> v = heads(dense(name + "_v", y, d, d, false), lenK);
        return attend(name, q, k, v, bias);
    }

    /** Attention of queries over keys and values {@code [b, heads, len, head size]}, then the output projection; bias may be null. */
    private Operand<TFloat32> attend(String name, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v, Operand<TFloat32> bias) {
        int d = size.hidden();
        q = tf.math.mul(q, tf.constant((float) Math.pow(size.headSize(), -0.5)));
        Operand<TFloat32> logits = tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true));
        logits = bias == null ? logits : tf.math.add(logits, bias);
        Operand<TFloat32> weights = dropout(tf.nn.softmax(logits));
        Operand<TFloat32> context = tf.train.batchMatMul(weights, v, TFloat32.class);
        context = tf.reshape(tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3})), tf.constant(new int[] {-1, d}));
        return dense(name + "_output", context, d, d, false);
    }

    /** {@code [b * len, d]} to {@code [b, heads, len, head size]}. */
    private Operand<TFloat32> heads(Operand<TFloat32> x, Operand<TInt32> len) {
        Operand<TFloat32> r = tf.reshape(x, tf.stack(List.of(tf.constant(-1), len, tf.constant(size.heads()), tf.constant(size.headSize()))));
        return tf.linalg.transpose(r, tf.constant(new int[] {0, 2, 1, 3}));
    }

    private Operand<TFloat32> feedForward(String name, Operand<TFloat32> x) {
        Operand<TFloat32> h = dropout(tf.nn.relu(dense(name + "_filter", x, size.hidden(), size.filter(), true)));
        return dense(name + "_output", h, size.filter(), size.hidden(), true);
    }

    private Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out, boolean bias) {
        Operand<TFloat32> y = tf.linalg.matMul(x, param(name + "_kernel", new long[] {in, out}, in, out));
        return bias ? tf.nn.biasAdd(y, param(name + "_bias", new long[] {out}, 0, 0)) : y;
    }

    /** The parameter of that name, created (GraphParameters) the first time. */
    private Operand<TFloat32> param(String name, long[] shape, int fanIn, int fanOut) {
        return reads.computeIfAbsent(name, n -> parameters.add(n, shape, fanIn, fanOut));
    }

    private Operand<TFloat32> layerNorm(String name, Operand<TFloat32> x) {
        int d = size.hidden();
        boolean fresh = !reads.containsKey(name + "_scale");
        Operand<TFloat32> scale = param(name + "_scale", new long[] {d}, 0, 0);
        Operand<TFloat32> bias = param(name + "_bias", new long[] {d}, 0, 0);
        List<GraphParameters.Parameter> all = parameters.all();
        if (fresh) {
            scaleInits.add(tf.assign(all.get(all.size() - 2).variable(), tf.fill(tf.constant(new int[] {d}), tf.constant(1f))));
        }
        Operand<TInt32> last = tf.constant(new int[] {-1});
        Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
        Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), last, Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(tf.math.sub(x, mean), tf.math.rsqrt(tf.math.add(variance, tf.constant(LAYER_NORM_EPSILON))));
        return tf.math.add(tf.math.mul(normed, scale), bias);
    }

    /** Inverted dropout with keep probability {@link #keepProb}; each call site draws its own mask. */
    private Operand<TFloat32> dropout(Operand<TFloat32> x) {
        if (!training) {
            return x;
        }
        long site = ++dropoutSites;
        Operand<TInt64> seed = tf.math.add(dropoutSeed, tf.constant(new long[] {0, site << 32}));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), seed);
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(keepProb, uniform));
        return tf.math.div(tf.math.mul(x, keep), keepProb);
    }

    /**
     * The reference's padded_cross_entropy_loss: soft targets (1 - smoothing on the label, smoothing /
     * (vocab - 1) elsewhere), minus the entropy of those targets (so a perfect model scores 0), averaged
     * over the target tokens that are not padding.
     */
    private Operand<TFloat32> smoothedCrossEntropy(Operand<TFloat32> logp) {
        float confidence = 1f - labelSmoothing;
        float low = labelSmoothing / (vocab - 1);
        double normalizing = -(confidence * Math.log(confidence) + (vocab - 1) * low * Math.log(low + 1e-20));
        Operand<TInt32> labels = tf.reshape(target, tf.constant(new int[] {-1}));
        Operand<TFloat32> soft = tf.oneHot(labels, tf.constant(vocab), tf.constant(confidence), tf.constant(low));
        Operand<TFloat32> xent = tf.math.sub(tf.math.neg(tf.sum(tf.math.mul(soft, logp), tf.constant(1))),
                tf.constant((float) normalizing));
        Operand<TFloat32> weights = tf.dtypes.cast(tf.math.notEqual(labels, tf.constant(0)), TFloat32.class);
        return tf.math.div(tf.sum(tf.math.mul(xent, weights), tf.constant(0)), tf.math.maximum(tf.sum(weights, tf.constant(0)), tf.constant(1f)));
    }

    /** The scalar length (dimension 1) of a {@code [batch, length]} batch. */
    private Operand<TInt32> length(Operand<TInt32> ids) {
        return tf.gather(tf.shape(ids), tf.constant(1), tf.constant(0));
    }
}
