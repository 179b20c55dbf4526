package org.stagedml.model.bert.internal;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The pre-training heads of google-research/bert's run_pretraining.py on the encoder, under its
 * variable names. Masked LM ({@code get_masked_lm_output}): the encoder's output at
 * {@code masked_lm_positions}, a dense transform {@code cls/predictions/transform/dense} with GELU
 * and {@code cls/predictions/transform/LayerNorm}, then logits against the word embeddings (the
 * output weights are TIED to {@code bert/embeddings/word_embeddings}) plus
 * {@code cls/predictions/output_bias}; the loss is the cross-entropy weighted by
 * {@code masked_lm_weights} (padding predictions weigh 0), divided by the weights' sum + 1e-5.
 * Next sentence ({@code get_next_sentence_output}): {@code cls/seq_relationship/output_weights [2,
 * hidden]} and {@code output_bias [2]} on the pooled output, mean cross-entropy. The total loss is
 * their sum. Built as a {@link FineTuneGraph.HeadBuilder} so the fine-tuning loop trains it.
 */
final class PretrainHeads implements FineTuneGraph.HeadBuilder {
    /** Every variable the heads add starts with this scope (Google's checkpoints hold them too). */
    static final String SCOPE = "cls";
    static final String MLM = "cls/predictions";
    static final String NSP = "cls/seq_relationship";

    final int maxPredictions;
    /** int32 {@code [batch, maxPredictions]}: positions in the sequence of the masked tokens. */
    Placeholder<TInt32> positions;
    /** int32 {@code [batch, maxPredictions]}: the original token ids at those positions. */
    Placeholder<TInt32> maskedIds;
    /** float {@code [batch, maxPredictions]}: 1 for a real prediction, 0 for padding. */
    Placeholder<TFloat32> maskedWeights;
    /** int32 {@code [batch]}: 0 when segment B follows A, 1 when it is random. */
    Placeholder<TInt32> nextSentence;
    Operand<TFloat32> mlmLoss;
    Operand<TFloat32> nspLoss;
    /** {@code [batch * maxPredictions]}: the MLM cross-entropy of each prediction (unweighted). */
    Operand<TFloat32> mlmExampleLoss;
    /** {@code [batch * maxPredictions]}: the predicted token ids. */
    Operand<TInt64> mlmPredicted;
    /** {@code [batch]}: the NSP cross-entropy of each example. */
    Operand<TFloat32> nspExampleLoss;
    /** {@code [batch]}: the predicted NSP labels. */
    Operand<TInt64> nspPredicted;

    PretrainHeads(int maxPredictions) {
        this.maxPredictions = maxPredictions;
    }

    @Override
    public FineTuneGraph.Head build(Ops tf, GraphScopes scopes, ParameterSet params, BertEncoder encoder) {
        int hidden = encoder.hyper.hiddenSize();
        int vocab = encoder.hyper.vocabSize();
        Shape predictions = Shape.of(-1, maxPredictions);
        positions = tf.withName("masked_lm_positions").placeholder(TInt32.class, Placeholder.shape(predictions));
        maskedIds = tf.withName("masked_lm_ids").placeholder(TInt32.class, Placeholder.shape(predictions));
        maskedWeights = tf.withName("masked_lm_weights").placeholder(TFloat32.class, Placeholder.shape(predictions));
        nextSentence = tf.withName("next_sentence_labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

        // gather_indexes: positions in the flattened [batch * seq, hidden] sequence output
        Ops m = scopes.get(MLM);
        Operand<TInt32> batch = m.stridedSlice(m.shape(positions), Indices.at(0));
        Operand<TInt32> offsets = m.reshape(m.math.mul(m.range(m.constant(0), batch, m.constant(1)), m.constant(encoder.seqLength)),
                m.constant(new int[] {-1, 1}));
        Operand<TInt32> flat = m.reshape(m.math.add(positions, offsets), m.constant(new int[] {-1}));
        Operand<TFloat32> x = m.gather(encoder.sequenceOutput, flat, m.constant(0));
        x = BertEncoder.gelu(scopes.get(MLM + "/transform"), encoder.dense(MLM + "/transform/dense", x, hidden, hidden));
        x = encoder.layerNorm(MLM + "/transform/LayerNorm", x);
        Operand<TFloat32> outputBias = params.create(MLM + "/output_bias", vocab);
        Operand<TFloat32> logits = m.nn.biasAdd(m.linalg.matMul(x, encoder.wordEmbeddings, MatMul.transposeB(true)), outputBias);
        Operand<TInt32> ids = m.reshape(maskedIds, m.constant(new int[] {-1}));
        Operand<TFloat32> weights = m.reshape(maskedWeights, m.constant(new int[] {-1}));
        mlmExampleLoss = FineTuneGraph.crossEntropy(m, logits, ids, vocab);
        Operand<TFloat32> numerator = m.sum(m.math.mul(weights, mlmExampleLoss), m.constant(0));
        Operand<TFloat32> denominator = m.math.add(m.sum(weights, m.constant(0)), m.constant(1e-5f));
        mlmLoss = m.math.div(numerator, denominator);
        mlmPredicted = m.math.argMax(logits, m.constant(-1));

        Ops n = scopes.get(NSP);
        Operand<TFloat32> w = params.create(NSP + "/output_weights", 2, hidden);
        Operand<TFloat32> b = params.create(NSP + "/output_bias", 2);
        Operand<TFloat32> nspLogits = n.nn.biasAdd(n.linalg.matMul(encoder.pooledOutput, w, MatMul.transposeB(true)), b);
        nspExampleLoss = FineTuneGraph.crossEntropy(n, nspLogits, nextSentence, 2);
        nspLoss = n.math.mean(nspExampleLoss, n.constant(0));
        nspPredicted = n.math.argMax(nspLogits, n.constant(-1));

        Operand<TFloat32> total = scopes.get("loss").math.add(mlmLoss, nspLoss);
        return new FineTuneGraph.Head(nextSentence, nspLogits, total);
    }

    /** Whether a parameter belongs to the heads (restored only when the checkpoint holds them). */
    static boolean headParameter(String name) {
        return name.startsWith(SCOPE + "/");
    }
}
