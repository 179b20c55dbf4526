package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** One split of glue-features (a TFRecord of tf.train.Example) in memory, cut into fed batches. */
final class GlueData {
    final List<InputFeatures> examples;
    final int seqLength;

    GlueData(List<InputFeatures> examples, int seqLength) {
        this.examples = examples;
        this.seqLength = seqLength;
    }

    static GlueData read(Path file, int seqLength) throws IOException {
        List<InputFeatures> out = new ArrayList<>();
        try (TfRecordReader r = new TfRecordReader(file)) {
            for (byte[] rec = r.next(); rec != null; rec = r.next()) {
                InputFeatures f = InputFeatures.fromExample(rec);
                if (f.inputIds().length != seqLength) {
                    throw new StagedmlException(file + " holds inputs of length " + f.inputIds().length
                            + ", features.json says " + seqLength + "; rebuild glue-features");
                }
                out.add(f);
            }
        }
        return new GlueData(out, seqLength);
    }

    int size() {
        return examples.size();
    }

    /** The tensors of the examples at {@code indices}; the caller closes them. */
    Batch batch(int[] indices) {
        int n = indices.length;
        int[] ids = new int[n * seqLength];
        int[] mask = new int[n * seqLength];
        int[] seg = new int[n * seqLength];
        int[] labelIds = new int[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            InputFeatures f = examples.get(indices[i]);
            System.arraycopy(f.inputIds(), 0, ids, i * seqLength, seqLength);
            System.arraycopy(f.inputMask(), 0, mask, i * seqLength, seqLength);
            System.arraycopy(f.segmentIds(), 0, seg, i * seqLength, seqLength);
            labelIds[i] = f.labelId();
            scores[i] = (float) f.label();
        }
        Shape s = Shape.of(n, seqLength);
        return new Batch(ints(s, ids), ints(s, mask), ints(s, seg), ints(Shape.of(n), labelIds),
                TFloat32.tensorOf(Shape.of(n), DataBuffers.of(scores, true, false)), labelIds, scores);
    }

    private static TInt32 ints(Shape s, int[] v) {
        return TInt32.tensorOf(s, DataBuffers.of(v, true, false));
    }

    /** Fed tensors of one batch, and its labels in Java. */
    record Batch(TInt32 inputIds, TInt32 inputMask, TInt32 segmentIds, TInt32 labelIds, TFloat32 scores,
            int[] labelIdValues, float[] scoreValues) implements AutoCloseable {
        int size() {
            return labelIdValues.length;
        }

        @Override
        public void close() {
            inputIds.close();
            inputMask.close();
            segmentIds.close();
            labelIds.close();
            scores.close();
        }
    }
}
