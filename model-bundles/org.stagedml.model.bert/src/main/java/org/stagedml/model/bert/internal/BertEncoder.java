package org.stagedml.model.bert.internal;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
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
 * BERT's encoder as in Google's modeling.py, built into a graph with the checkpoint's variable
 * names: embeddings (word, token type, position; LayerNorm), {@code num_hidden_layers} transformer
 * layers (multi-head self-attention, GELU feed-forward, residuals, LayerNorm) and the pooler (tanh
 * dense on [CLS]). Inputs are int32 {@code [batch, seqLength]}; dropout is active only when
 * {@link #keepProb} is fed below 1 (its default), with stateless random masks seeded by
 * {@link #dropoutSeed} so that a run is reproducible.
 */
final class BertEncoder {
    private static final float LAYER_NORM_EPSILON = 1e-12f;

    final BertHyper hyper;
    final int seqLength;
    final Placeholder<TInt32> inputIds;
    final Placeholder<TInt32> inputMask;
    final Placeholder<TInt32> segmentIds;
    /** Keep probability of every dropout; 1 (no dropout) unless fed. */
    final PlaceholderWithDefault<TFloat32> keepProb;
    /** Seed pair of the dropout masks, fed per step. */
    final PlaceholderWithDefault<TInt64> dropoutSeed;
    /** The last layer, {@code [batch * seqLength, hidden]}. */
    final Operand<TFloat32> sequenceOutput;
    /** The pooled [CLS] output, {@code [batch, hidden]}. */
    final Operand<TFloat32> pooledOutput;
    /** The read of {@code bert/embeddings/word_embeddings [vocab, hidden]} (the pre-training MLM output is tied to it). */
    final Operand<TFloat32> wordEmbeddings;

    private final Ops tf;
    private final GraphScopes scopes;
    private final ParameterSet params;
    private int dropoutSites;

    BertEncoder(GraphScopes scopes, ParameterSet params, BertHyper h, int seqLength) {
        if (seqLength > h.maxPositions()) {
            throw new IllegalArgumentException("sequence length " + seqLength + " exceeds max_position_embeddings " + h.maxPositions());
        }
        this.hyper = h;
        this.seqLength = seqLength;
        this.scopes = scopes;
        this.params = params;
        this.tf = scopes.root();
        Shape in = Shape.of(-1, seqLength);
        inputIds = tf.withName("input_ids").placeholder(TInt32.class, Placeholder.shape(in));
        inputMask = tf.withName("input_mask").placeholder(TInt32.class, Placeholder.shape(in));
        segmentIds = tf.withName("segment_ids").placeholder(TInt32.class, Placeholder.shape(in));
        keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
        dropoutSeed = tf.withName("dropout_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));

        int hidden = h.hiddenSize();
        wordEmbeddings = params.create("bert/embeddings/word_embeddings", h.vocabSize(), hidden);
        Operand<TFloat32> x = embeddings();
        // [batch, 1, 1, seq]: 0 where attended, -10000 on padding
        Operand<TFloat32> mask = tf.reshape(tf.dtypes.cast(inputMask, TFloat32.class), tf.constant(new int[] {-1, 1, 1, seqLength}));
        Operand<TFloat32> maskAdder = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(-10000f));
        for (int l = 0; l < h.numLayers(); l++) {
            x = layer("bert/encoder/layer_" + l, x, maskAdder);
        }
        sequenceOutput = x;
        Operand<TFloat32> seq3 = tf.reshape(x, tf.constant(new int[] {-1, seqLength, hidden}));
        Operand<TFloat32> first = tf.stridedSlice(seq3, Indices.all(), Indices.at(0), Indices.all());
        pooledOutput = scopes.get("bert/pooler").math.tanh(dense("bert/pooler/dense", first, hidden, hidden));
    }

    private Operand<TFloat32> embeddings() {
        String s = "bert/embeddings";
        int hidden = hyper.hiddenSize();
        Ops e = scopes.get(s);
        Operand<TFloat32> word = wordEmbeddings;
        Operand<TFloat32> type = params.create(s + "/token_type_embeddings", hyper.typeVocabSize(), hidden);
        Operand<TFloat32> position = params.create(s + "/position_embeddings", hyper.maxPositions(), hidden);
        Operand<TInt32> flat = e.constant(new int[] {-1});
        Operand<TFloat32> x = e.math.add(e.gather(word, e.reshape(inputIds, flat), e.constant(0)),
                e.gather(type, e.reshape(segmentIds, flat), e.constant(0)));
        int[] positions = new int[seqLength];
        for (int i = 0; i < seqLength; i++) {
            positions[i] = i;
        }
        Operand<TFloat32> pos = e.gather(position, e.constant(positions), e.constant(0)); // [seq, hidden]
        x = e.math.add(e.reshape(x, e.constant(new int[] {-1, seqLength, hidden})), pos);
        x = e.reshape(x, e.constant(new int[] {-1, hidden}));
        return dropout(layerNorm(s + "/LayerNorm", x));
    }

    private Operand<TFloat32> layer(String s, Operand<TFloat32> x, Operand<TFloat32> maskAdder) {
        int hidden = hyper.hiddenSize();
        int heads = hyper.numHeads();
        int size = hyper.headSize();
        Ops a = scopes.get(s + "/attention/self");
        Operand<TFloat32> q = heads(a, dense(s + "/attention/self/query", x, hidden, hidden));
        Operand<TFloat32> k = heads(a, dense(s + "/attention/self/key", x, hidden, hidden));
        Operand<TFloat32> v = heads(a, dense(s + "/attention/self/value", x, hidden, hidden));
        Operand<TFloat32> scores = a.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true));
        scores = a.math.add(a.math.mul(scores, a.constant((float) (1.0 / Math.sqrt(size)))), maskAdder);
        Operand<TFloat32> probs = dropout(a.nn.softmax(scores));
        Operand<TFloat32> context = a.train.batchMatMul(probs, v, TFloat32.class);
        context = a.reshape(a.linalg.transpose(context, a.constant(new int[] {0, 2, 1, 3})), a.constant(new int[] {-1, hidden}));
        Operand<TFloat32> attention = dropout(dense(s + "/attention/output/dense", context, hidden, hidden));
        attention = layerNorm(s + "/attention/output/LayerNorm", scopes.get(s + "/attention/output").math.add(attention, x));
        Operand<TFloat32> inter = gelu(scopes.get(s + "/intermediate"),
                dense(s + "/intermediate/dense", attention, hidden, hyper.intermediateSize()));
        Operand<TFloat32> out = dropout(dense(s + "/output/dense", inter, hyper.intermediateSize(), hidden));
        return layerNorm(s + "/output/LayerNorm", scopes.get(s + "/output").math.add(out, attention));
    }

    /** [batch * seq, hidden] to [batch, heads, seq, head size]. */
    private Operand<TFloat32> heads(Ops a, Operand<TFloat32> x) {
        Operand<TFloat32> r = a.reshape(x, a.constant(new int[] {-1, seqLength, hyper.numHeads(), hyper.headSize()}));
        return a.linalg.transpose(r, a.constant(new int[] {0, 2, 1, 3}));
    }

    /** {@code x · kernel + bias} with variables {@code scope/kernel [in, out]} and {@code scope/bias [out]}. */
    Operand<TFloat32> dense(String scope, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> kernel = params.create(scope + "/kernel", in, out);
        Operand<TFloat32> bias = params.create(scope + "/bias", out);
        Ops d = scopes.get(scope);
        return d.nn.biasAdd(d.linalg.matMul(x, kernel, MatMul.transposeB(false)), bias);
    }

    Operand<TFloat32> layerNorm(String scope, Operand<TFloat32> x) {
        int hidden = hyper.hiddenSize();
        Operand<TFloat32> beta = params.create(scope + "/beta", hidden);
        Operand<TFloat32> gamma = params.create(scope + "/gamma", hidden);
        Ops n = scopes.get(scope);
        Operand<TInt32> last = n.constant(new int[] {-1});
        Operand<TFloat32> mean = n.math.mean(x, last, Mean.keepDims(true));
        Operand<TFloat32> variance = n.math.mean(n.math.squaredDifference(x, mean), last, Mean.keepDims(true));
        Operand<TFloat32> normed = n.math.mul(n.math.sub(x, mean), n.math.rsqrt(n.math.add(variance, n.constant(LAYER_NORM_EPSILON))));
        return n.math.add(n.math.mul(normed, gamma), beta);
    }

    /** Google BERT's GELU: the tanh approximation. */
    static Operand<TFloat32> gelu(Ops g, Operand<TFloat32> x) {
        Operand<TFloat32> cube = g.math.mul(g.math.mul(x, x), x);
        Operand<TFloat32> inner = g.math.mul(g.constant((float) Math.sqrt(2 / Math.PI)),
                g.math.add(x, g.math.mul(g.constant(0.044715f), cube)));
        Operand<TFloat32> cdf = g.math.mul(g.constant(0.5f), g.math.add(g.constant(1f), g.math.tanh(inner)));
        return g.math.mul(x, cdf);
    }

    /** Inverted dropout with keep probability {@link #keepProb}; each call site draws its own mask. */
    Operand<TFloat32> dropout(Operand<TFloat32> x) {
        long site = ++dropoutSites;
        Operand<TInt64> seed = tf.math.add(dropoutSeed, tf.constant(new long[] {0, site << 32}));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), seed);
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(keepProb, uniform));
        return tf.math.div(tf.math.mul(x, keep), keepProb);
    }
}
