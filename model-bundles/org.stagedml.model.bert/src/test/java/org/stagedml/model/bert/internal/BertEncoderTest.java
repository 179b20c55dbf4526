package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** The TensorFlow encoder, restored by name from a checkpoint, against the plain-Java reference. */
class BertEncoderTest {
    private static final BertHyper TINY = new BertHyper(60, 32, 2, 4, 64, 24, 2);
    private static final int SEQ = 16;

    @TempDir
    Path dir;

    @Test
    void forwardPassEqualsThePlainJavaReference() {
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, float[]> weights = TestCheckpoints.randomEncoder(TINY, SEQ, 42, shapes);
        Path prefix = dir.resolve("bert_model.ckpt");
        TestCheckpoints.write(prefix, weights, shapes);

        int batch = 3;
        Random r = new Random(7);
        int[][] ids = new int[batch][SEQ];
        int[][] mask = new int[batch][SEQ];
        int[][] seg = new int[batch][SEQ];
        int[] lengths = {SEQ, 9, 4}; // padded examples check the attention mask
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                ids[b][t] = 1 + r.nextInt(TINY.vocabSize() - 1);
                mask[b][t] = 1;
                seg[b][t] = t >= lengths[b] / 2 ? 1 : 0;
            }
        }
        float[] seqOut;
        float[] pooled;
        try (Graph g = new Graph()) {
            FineTuneGraph m = new FineTuneGraph(g, TINY, SEQ, 2, false, 0.01, FineTuneGraph::encoderParameter);
            try (Session s = new Session(g, FineTuner.sessionConfig(false));
                    TString p = TString.scalarOf(prefix.toString())) {
                s.runner().feed(m.checkpointPrefix, p).addTarget(m.restore).run().close();
                try (TInt32 i = flat(ids); TInt32 k = flat(mask); TInt32 sg = flat(seg);
                        Result res = s.runner().feed(m.encoder.inputIds, i).feed(m.encoder.inputMask, k)
                                .feed(m.encoder.segmentIds, sg).fetch(m.encoder.sequenceOutput).fetch(m.encoder.pooledOutput).run()) {
                    seqOut = floats((TFloat32) res.get(0));
                    pooled = floats((TFloat32) res.get(1));
                }
            }
        }
        ReferenceBert ref = new ReferenceBert(TINY, weights);
        int hid = TINY.hiddenSize();
        double maxDiff = 0;
        for (int b = 0; b < batch; b++) {
            ReferenceBert.Output o = ref.forward(ids[b], mask[b], seg[b]);
            for (int t = 0; t < SEQ; t++) {
                for (int j = 0; j < hid; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(o.sequence()[t][j] - seqOut[(b * SEQ + t) * hid + j]));
                }
            }
            for (int j = 0; j < hid; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(o.pooled()[j] - pooled[b * hid + j]));
            }
        }
        System.out.println("encoder: max |TF - plain-Java reference| = " + maxDiff);
        assertTrue(maxDiff < 1e-4, "max |TF - reference| = " + maxDiff);
        // the check can fail: a different weight changes the output far beyond the tolerance
        weights.get("bert/encoder/layer_1/output/dense/bias")[3] += 0.01f;
        double[] changed = new ReferenceBert(TINY, weights).forward(ids[0], mask[0], seg[0]).sequence()[0];
        double d = 0;
        for (int j = 0; j < hid; j++) {
            d = Math.max(d, Math.abs(changed[j] - seqOut[j]));
        }
        assertTrue(d > 1e-3, "perturbed weights differ by only " + d);
    }

    @Test
    void aCheckpointWithoutTheEncodersNamesIsRefusedClearly() throws Exception {
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, float[]> weights = TestCheckpoints.randomEncoder(TINY, SEQ, 1, shapes);
        weights.remove("bert/pooler/dense/kernel");
        Path bad = dir.resolve("bad");
        java.nio.file.Files.createDirectories(bad);
        TestCheckpoints.write(bad.resolve("bert_model.ckpt"), weights, shapes);
        java.nio.file.Files.writeString(bad.resolve("bert_config.json"), "{\"vocab_size\":60,\"hidden_size\":32,"
                + "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"intermediate_size\":64,\"max_position_embeddings\":24,"
                + "\"type_vocab_size\":2,\"hidden_act\":\"gelu\"}");
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), 60, SEQ, 8, 4, 3);
        FineTuner t = new FineTuner(new FineTuneSettings(1e-3, 4, 1, 0.1, 0.01, 0.1, 1, 8), false, GeneratedTask.quietSink());
        StagedmlException e = assertThrows(StagedmlException.class, () -> t.run(bad, features, dir.resolve("out")));
        assertTrue(e.getMessage().contains("cannot restore"), e.getMessage());
    }

    private static TInt32 flat(int[][] v) {
        int[] all = new int[v.length * v[0].length];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, all, i * v[0].length, v[0].length);
        }
        return TInt32.tensorOf(Shape.of(v.length, v[0].length), DataBuffers.of(all, true, false));
    }

    private static float[] floats(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }
}
