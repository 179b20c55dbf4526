package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.InputFeatures;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A fine-tuned classifier (a bert-finetune-glue realization: encoder and head) restored once into a
 * CPU session, giving the label probabilities of encoded inputs without dropout. Closing frees the
 * native graph. Not thread-safe.
 */
final class FineTunedModel implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final FineTuneGraph m;
    private final int seqLength;

    FineTunedModel(Path model, int seqLength, int numLabels) throws IOException {
        BertHyper hyper = BertHyper.read(model.resolve(BertLayout.CONFIG));
        this.seqLength = seqLength;
        this.graph = new Graph();
        try {
            this.m = new FineTuneGraph(graph, hyper, seqLength, numLabels, false, 0, n -> true);
            this.session = new Session(graph, FineTuner.sessionConfig(false));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        try {
            FineTuner.restore(session, m, model.resolve(BertLayout.CHECKPOINT_PREFIX));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Softmax probabilities {@code [n][labels]} of encoded inputs (each {@code seqLength} long). */
    float[][] probabilities(List<InputFeatures> inputs) {
        int[] idx = new int[inputs.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        float[][] out = new float[idx.length][m.numLabels];
        try (GlueData.Batch batch = new GlueData(inputs, seqLength).batch(idx);
                Result res = session.runner().feed(m.encoder.inputIds, batch.inputIds())
                        .feed(m.encoder.inputMask, batch.inputMask()).feed(m.encoder.segmentIds, batch.segmentIds())
                        .fetch(m.predictions).run()) {
            TFloat32 logits = (TFloat32) res.get(0);
            for (int i = 0; i < idx.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < m.numLabels; c++) {
                    max = Math.max(max, logits.getFloat(i, c));
                }
                double sum = 0;
                for (int c = 0; c < m.numLabels; c++) {
                    sum += Math.exp(logits.getFloat(i, c) - max);
                }
                for (int c = 0; c < m.numLabels; c++) {
                    out[i][c] = (float) (Math.exp(logits.getFloat(i, c) - max) / sum);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }
}
