package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stagedml.dataset.bert.InputFeatures;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The span head on a fresh tiny encoder learns where a marked token is in one fixed batch. */
class SpanHeadTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void startAndEndLogitsLearnAMarkedSpan() throws Exception {
        int seq = 16;
        BertHyper h = new BertHyper(20, 32, 2, 2, 64, seq, 2);
        Random r = new Random(3);
        List<InputFeatures> rows = new ArrayList<>();
        int[] pos = new int[32 * 2];
        for (int i = 0; i < 32; i++) {
            int[] ids = new int[seq];
            for (int t = 0; t < seq; t++) {
                ids[t] = 5 + r.nextInt(10);
            }
            int start = 2 + r.nextInt(10);
            ids[start] = 1;
            ids[start + 1] = 2;
            pos[2 * i] = start;
            pos[2 * i + 1] = start + 1;
            int[] ones = new int[seq];
            java.util.Arrays.fill(ones, 1);
            rows.add(new InputFeatures(ids, ones, new int[seq], 0, true));
        }
        GlueData data = new GlueData(rows, seq);
        int[] idx = new int[32];
        for (int i = 0; i < 32; i++) {
            idx[i] = i;
        }
        List<Float> losses = new ArrayList<>();
        FineTuner tuner = new FineTuner(new FineTuneSettings(1e-3, 32, 1, 0, 0, 0, 1, 32), (String) null, GeneratedTask.quietSink());
        try (Graph g = new Graph()) {
            FineTuneGraph m = SquadFineTuner.graph(g, h, seq, 0.0, FineTuneGraph::encoderParameter);
            java.util.Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
            TestCheckpoints.write(tmp.resolve("ckpt"), TestCheckpoints.randomEncoder(h, seq, 1, shapes), shapes);
            try (Session s = new Session(g, FineTuner.sessionConfig(false))) {
                FineTuner.restore(s, m, tmp.resolve("ckpt"));
                tuner.initialize(s, m);
                for (int step = 0; step < 150; step++) {
                    try (GlueData.Batch b = data.batch(idx);
                            TInt32 p = TInt32.tensorOf(Shape.of(32, 2), DataBuffers.of(pos, true, false));
                            TFloat32 lr = TFloat32.scalarOf(1e-3f);
                            Result res = SquadFineTuner.feedInputs(s.runner(), m, b).feed(m.labels, p).feed(m.optimizer.learningRate, lr)
                                    .addTarget(m.optimizer.step).fetch(m.loss).run()) {
                        losses.add(((TFloat32) res.get(0)).getFloat());
                    }
                }
            }
        }
        // from ln(16) (uniform over the positions) well down: the start and end logits follow the marks
        assertTrue(losses.get(0) > 2.5 && losses.get(losses.size() - 1) < losses.get(0) - 0.5, "losses " + losses.subList(0, 5) + " ... " + losses.subList(losses.size() - 5, losses.size()));
    }
}
