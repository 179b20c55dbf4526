package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.PretrainingExample;
import org.stagedml.dataset.bert.TfRecordReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One split of BERT pre-training examples (the bert-pretrain-records layout, read as
 * {@link PretrainingExample}s) in memory as flat arrays, cut into fed batches.
 */
final class PretrainData {
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
        List<byte[]> records;
        try (TfRecordReader r = new TfRecordReader(file)) {
            records = r.readAll();
        }
        PretrainData d = new PretrainData(seqLength, maxPredictions, records.size());
        for (int i = 0; i < records.size(); i++) {
            String where = file + " record " + i;
            PretrainingExample e;
            try {
                e = PretrainingExample.fromExample(records.get(i));
            } catch (IllegalArgumentException x) {
                throw new StagedmlException(where + ": " + x.getMessage() + "; rebuild bert-pretrain-data", x);
            }
            if (e.inputIds().length != seqLength || e.maskedLmIds().length != maxPredictions) {
                throw new StagedmlException(where + " holds " + e.inputIds().length + " tokens and " + e.maskedLmIds().length
                        + " predictions, data.json says " + seqLength + " and " + maxPredictions + "; rebuild bert-pretrain-data");
            }
            System.arraycopy(e.inputIds(), 0, d.inputIds, i * seqLength, seqLength);
            System.arraycopy(e.inputMask(), 0, d.inputMask, i * seqLength, seqLength);
            System.arraycopy(e.segmentIds(), 0, d.segmentIds, i * seqLength, seqLength);
            System.arraycopy(e.maskedLmPositions(), 0, d.positions, i * maxPredictions, maxPredictions);
            System.arraycopy(e.maskedLmIds(), 0, d.maskedIds, i * maxPredictions, maxPredictions);
            System.arraycopy(e.maskedLmWeights(), 0, d.weights, i * maxPredictions, maxPredictions);
            d.nextSentence[i] = e.nextSentenceLabel();
            for (int id : e.inputIds()) {
                checkId(id, vocabSize, where);
            }
            for (int id : e.maskedLmIds()) {
                checkId(id, vocabSize, where);
            }
            for (int p : e.maskedLmPositions()) {
                if (p < 0 || p >= seqLength) {
                    throw new StagedmlException(where + ": masked_lm_position " + p + " is outside the sequence of " + seqLength);
                }
            }
            if (e.nextSentenceLabel() != 0 && e.nextSentenceLabel() != 1) {
                throw new StagedmlException(where + ": next_sentence_labels is " + e.nextSentenceLabel() + ", not 0 or 1");
            }
        }
        return d;
    }

    private static void checkId(int id, int vocabSize, String where) {
        if (id < 0 || id >= vocabSize) {
            throw new StagedmlException(where + ": token id " + id + " is not below the model's vocab_size " + vocabSize
                    + "; the data was made with another vocabulary");
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
