package org.stagedml.model.bert.internal;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * run_squad.py's head: {@code cls/squad/output_weights [2, hidden]} and {@code cls/squad/output_bias
 * [2]} on every position of the sequence output give a start and an end logit per token. Fed
 * {@code positions [batch, 2]} (start, end); predictions are {@code [batch, 2, seq]} (row 0 the start
 * logits, row 1 the end logits); the loss is the mean of the start and end cross-entropies.
 */
final class SpanHead {
    static final String SCOPE = "cls/squad";

    private SpanHead() {
    }

    static FineTuneGraph.Head build(Ops tf, GraphScopes scopes, ParameterSet params, BertEncoder encoder) {
        int hidden = encoder.hyper.hiddenSize();
        int seq = encoder.seqLength;
        Operand<TFloat32> w = params.create(SCOPE + "/output_weights", 2, hidden);
        Operand<TFloat32> b = params.create(SCOPE + "/output_bias", 2);
        Ops h = scopes.get(SCOPE);
        // [batch * seq, 2] -> [batch, seq, 2] -> [batch, 2, seq]
        Operand<TFloat32> logits = h.nn.biasAdd(h.linalg.matMul(encoder.sequenceOutput, w, MatMul.transposeB(true)), b);
        logits = h.linalg.transpose(h.reshape(logits, h.constant(new int[] {-1, seq, 2})), h.constant(new int[] {0, 2, 1}));
        Placeholder<TInt32> positions = tf.withName("positions").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 2)));
        Ops loss = scopes.get("loss");
        // mean over the batch and over start/end: (mean start loss + mean end loss) / 2, as run_squad.py
        Operand<TFloat32> total = loss.math.mean(FineTuneGraph.crossEntropy(loss, logits, positions, seq), loss.constant(new int[] {0, 1}));
        // the pooler is not used here, but AdamW takes the gradient of every parameter and TensorFlow Java
        // refuses one unreachable from the loss: add it times 0 (its gradient is 0, as in run_squad.py where it is None)
        Operand<TFloat32> pooled = loss.sum(encoder.pooledOutput, loss.constant(new int[] {0, 1}));
        total = loss.math.add(total, loss.math.mul(loss.constant(0f), pooled));
        return new FineTuneGraph.Head(positions, logits, total);
    }
}
