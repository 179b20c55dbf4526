package org.stagedml.model.bert.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.TfRecordReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One split of BERT pre-training examples (the bert-pretrain-records layout: tf.train.Example with
 * input_ids, input_mask, segment_ids, masked_lm_positions, masked_lm_ids, masked_lm_weights,
 * next_sentence_labels, as create_pretraining_data.py writes them) in memory as flat arrays, cut
 * into fed batches.
 */
final class PretrainData {
    static final String INPUT_IDS = "input_ids";
    static final String INPUT_MASK = "input_mask";
    static final String SEGMENT_IDS = "segment_ids";
    static final String MASKED_LM_POSITIONS = "masked_lm_positions";
    static final String MASKED_LM_IDS = "masked_lm_ids";
    static final String MASKED_LM_WEIGHTS = "masked_lm_weights";
    static final String NEXT_SENTENCE_LABELS = "next_sentence_labels";

    final int seqLength;
    final int maxPredictions;
    private final int size;
    private final int[] inputIds;
    private final int[] inputMask;
    private final int[] segmentIds;
    private final int[] positions;
    private final int[] maskedIds;
    private final float[] weights;
    private final int[] nextSentence;

    private PretrainData(int seqLength, int maxPredictions, int size) {
        this.seqLength = seqLength;
        this.maxPredictions = maxPredictions;
        this.size = size;
        inputIds = new int[size * seqLength];
        inputMask = new int[size * seqLength];
        segmentIds = new int[size * seqLength];
        positions = new int[size * maxPredictions];
        maskedIds = new int[size * maxPredictions];
        weights = new float[size * maxPredictions];
        nextSentence = new int[size];
    }

    /** Reads a split; every example must have these lengths and ids below {@code vocabSize}. */
    static PretrainData read(Path file, int seqLength, int maxPredictions, int vocabSize) throws IOException {
        java.util.List<byte[]> records;
        try (TfRecordReader r = new TfRecordReader(file)) {
            records = r.readAll();
        }
        PretrainData d = new PretrainData(seqLength, maxPredictions, records.size());
        for (int i = 0; i < records.size(); i++) {
            Features f;
            try {
                f = Example.parseFrom(records.get(i)).getFeatures();
            } catch (InvalidProtocolBufferException e) {
                throw new StagedmlException(file + ": record " + i + " is not a tf.train.Example: " + e.getMessage(), e);
            }
            String where = file + " record " + i;
            ints(f, INPUT_IDS, seqLength, d.inputIds, i, where);
            ints(f, INPUT_MASK, seqLength, d.inputMask, i, where);
            ints(f, SEGMENT_IDS, seqLength, d.segmentIds, i, where);
            ints(f, MASKED_LM_POSITIONS, maxPredictions, d.positions, i, where);
            ints(f, MASKED_LM_IDS, maxPredictions, d.maskedIds, i, where);
            ints(f, NEXT_SENTENCE_LABELS, 1, d.nextSentence, i, where);
            Feature w = f.getFeatureMap().get(MASKED_LM_WEIGHTS);
            if (w == null || w.getFloatList().getValueCount() != maxPredictions) {
                throw new StagedmlException(where + ": " + MASKED_LM_WEIGHTS + " must be " + maxPredictions
                        + " floats; rebuild bert-pretrain-data");
            }
            for (int j = 0; j < maxPredictions; j++) {
                d.weights[i * maxPredictions + j] = w.getFloatList().getValue(j);
            }
            for (int j = 0; j < seqLength; j++) {
                check(d.inputIds[i * seqLength + j] < vocabSize, where, "input id " + d.inputIds[i * seqLength + j], vocabSize);
            }
            for (int j = 0; j < maxPredictions; j++) {
                int p = d.positions[i * maxPredictions + j];
                if (p < 0 || p >= seqLength) {
                    throw new StagedmlException(where + ": masked_lm_position " + p + " is outside the sequence of " + seqLength);
                }
                check(d.maskedIds[i * maxPredictions + j] < vocabSize, where, "masked id " + d.maskedIds[i * maxPredictions + j], vocabSize);
            }
            int label = d.nextSentence[i];
            if (label != 0 && label != 1) {
                throw new StagedmlException(where + ": next_sentence_labels is " + label + ", not 0 or 1");
            }
        }
        return d;
    }

    private static void check(boolean ok, String where, String what, int vocabSize) {
        if (!ok) {
            throw new StagedmlException(where + ": " + what + " is not below the model's vocab_size " + vocabSize
                    + "; the data was made with another vocabulary");
        }
    }

    private static void ints(Features f, String name, int length, int[] into, int example, String where) {
        Feature feature = f.getFeatureMap().get(name);
        if (feature == null || feature.getInt64List().getValueCount() != length) {
            throw new StagedmlException(where + ": " + name + " must be " + length + " int64 values, got "
                    + (feature == null ? "none" : feature.getInt64List().getValueCount()) + "; rebuild bert-pretrain-data");
        }
        for (int j = 0; j < length; j++) {
            long v = feature.getInt64List().getValue(j);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new StagedmlException(where + ": " + name + " holds " + v);
            }
            into[example * length + j] = (int) v;
        }
    }

    int size() {
        return size;
    }

    /** The masked LM weight of prediction {@code j} of example {@code i}. */
    float weight(int i, int j) {
        return weights[i * maxPredictions + j];
    }

    int maskedId(int i, int j) {
        return maskedIds[i * maxPredictions + j];
    }

    int nextSentence(int i) {
        return nextSentence[i];
    }

    /** The tensors of the examples at {@code indices}; the caller closes them. */
    Batch batch(int[] indices) {
        int n = indices.length;
        int[] ids = new int[n * seqLength];
        int[] mask = new int[n * seqLength];
        int[] seg = new int[n * seqLength];
        int[] pos = new int[n * maxPredictions];
        int[] lm = new int[n * maxPredictions];
        float[] w = new float[n * maxPredictions];
        int[] nsp = new int[n];
        for (int i = 0; i < n; i++) {
            int e = indices[i];
            System.arraycopy(inputIds, e * seqLength, ids, i * seqLength, seqLength);
            System.arraycopy(inputMask, e * seqLength, mask, i * seqLength, seqLength);
            System.arraycopy(segmentIds, e * seqLength, seg, i * seqLength, seqLength);
            System.arraycopy(positions, e * maxPredictions, pos, i * maxPredictions, maxPredictions);
            System.arraycopy(maskedIds, e * maxPredictions, lm, i * maxPredictions, maxPredictions);
            System.arraycopy(weights, e * maxPredictions, w, i * maxPredictions, maxPredictions);
            nsp[i] = nextSentence[e];
        }
        Shape s = Shape.of(n, seqLength);
        Shape p = Shape.of(n, maxPredictions);
        return new Batch(ints(s, ids), ints(s, mask), ints(s, seg), ints(p, pos), ints(p, lm),
                TFloat32.tensorOf(p, DataBuffers.of(w, true, false)), ints(Shape.of(n), nsp));
    }

    private static TInt32 ints(Shape s, int[] v) {
        return TInt32.tensorOf(s, DataBuffers.of(v, true, false));
    }

    /** Fed tensors of one batch. */
    record Batch(TInt32 inputIds, TInt32 inputMask, TInt32 segmentIds, TInt32 positions, TInt32 maskedIds, TFloat32 weights,
            TInt32 nextSentence) implements FineTuner.Fed {
        @Override
        public void close() {
            inputIds.close();
            inputMask.close();
            segmentIds.close();
            positions.close();
            maskedIds.close();
            weights.close();
            nextSentence.close();
        }
    }
}
