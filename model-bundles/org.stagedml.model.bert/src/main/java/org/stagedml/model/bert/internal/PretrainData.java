package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * {@link PretrainingExample}s), checked and rewritten once into a work file of fixed-size records
 * that is memory-mapped: a Wikipedia-sized split (tens of millions of examples) does not have to fit
 * on the heap, and batches of shuffled examples are read by index. Per example: input ids (int),
 * input mask and segment ids (byte), masked positions and ids (int), weights (float), the
 * next-sentence label (byte).
 */
final class PretrainData {
    final int seqLength;
    final int maxPredictions;
    private final int size;
    private final int recordSize;
    private final int perChunk;
    private final List<ByteBuffer> chunks;

    private PretrainData(int seqLength, int maxPredictions, int size, int perChunk, List<ByteBuffer> chunks) {
        this.seqLength = seqLength;
        this.maxPredictions = maxPredictions;
        this.size = size;
        this.recordSize = recordSize(seqLength, maxPredictions);
        this.perChunk = perChunk;
        this.chunks = chunks;
    }

    private static int recordSize(int seqLength, int maxPredictions) {
        return 6 * seqLength + 12 * maxPredictions + 1;
    }

    /** Reads a split into a temporary work file (deleted when the JVM exits); for tests and small splits. */
    static PretrainData read(Path file, int seqLength, int maxPredictions, int vocabSize) throws IOException {
        Path work = Files.createTempFile("pretrain-", ".bin");
        work.toFile().deleteOnExit();
        PretrainData d = read(file, work, seqLength, maxPredictions, vocabSize);
        Files.deleteIfExists(work); // the mapping stays valid
        return d;
    }

    /**
     * Reads a split, checking every example (these lengths, ids below {@code vocabSize}), into the
     * work file {@code work} (the caller deletes it when done; the mapping outlives the file's name).
     */
    static PretrainData read(Path file, Path work, int seqLength, int maxPredictions, int vocabSize) throws IOException {
        int recordSize = recordSize(seqLength, maxPredictions);
        int perChunk = Math.max(1, Integer.MAX_VALUE / recordSize);
        ByteBuffer record = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        try (TfRecordReader r = new TfRecordReader(file);
                FileChannel out = FileChannel.open(work, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            for (byte[] bytes = r.next(); bytes != null; bytes = r.next(), n++) {
                if (n == Integer.MAX_VALUE) {
                    throw new StagedmlException(file + " holds more than " + Integer.MAX_VALUE + " examples; split the text");
                }
                PretrainingExample e = example(bytes, file + " record " + n, seqLength, maxPredictions, vocabSize);
                record.clear();
                for (int v : e.inputIds()) {
                    record.putInt(v);
                }
                for (int v : e.inputMask()) {
                    record.put((byte) v);
                }
                for (int v : e.segmentIds()) {
                    record.put((byte) v);
                }
                for (int v : e.maskedLmPositions()) {
                    record.putInt(v);
                }
                for (int v : e.maskedLmIds()) {
                    record.putInt(v);
                }
                for (float v : e.maskedLmWeights()) {
                    record.putFloat(v);
                }
                record.put((byte) e.nextSentenceLabel());
                record.flip();
                while (record.hasRemaining()) {
                    out.write(record);
                }
            }
        }
        List<ByteBuffer> chunks = new ArrayList<>();
        try (FileChannel in = FileChannel.open(work, StandardOpenOption.READ)) {
            for (long first = 0; first < n; first += perChunk) {
                long count = Math.min(perChunk, n - first);
                MappedByteBuffer m = in.map(FileChannel.MapMode.READ_ONLY, first * recordSize, count * recordSize);
                chunks.add(m.order(ByteOrder.LITTLE_ENDIAN));
            }
        }
        return new PretrainData(seqLength, maxPredictions, n, perChunk, chunks);
    }

    /** Parses and checks one record. */
    private static PretrainingExample example(byte[] bytes, String where, int seqLength, int maxPredictions, int vocabSize) {
        PretrainingExample e;
        try {
            e = PretrainingExample.fromExample(bytes);
        } catch (IllegalArgumentException x) {
            throw new StagedmlException(where + ": " + x.getMessage() + "; rebuild bert-pretrain-data", x);
        }
        if (e.inputIds().length != seqLength || e.maskedLmIds().length != maxPredictions) {
            throw new StagedmlException(where + " holds " + e.inputIds().length + " tokens and " + e.maskedLmIds().length
                    + " predictions, data.json says " + seqLength + " and " + maxPredictions + "; rebuild bert-pretrain-data");
        }
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
        for (int i = 0; i < seqLength; i++) {
            if (e.inputMask()[i] < 0 || e.inputMask()[i] > 1 || e.segmentIds()[i] < 0 || e.segmentIds()[i] > 127) {
                throw new StagedmlException(where + ": input_mask must be 0 or 1 and segment_ids small, got "
                        + e.inputMask()[i] + " and " + e.segmentIds()[i]);
            }
        }
        if (e.nextSentenceLabel() != 0 && e.nextSentenceLabel() != 1) {
            throw new StagedmlException(where + ": next_sentence_labels is " + e.nextSentenceLabel() + ", not 0 or 1");
        }
        return e;
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

    private ByteBuffer chunk(int example) {
        return chunks.get(example / perChunk);
    }

    /** Where example {@code e}'s record starts in its chunk. */
    private int offset(int example) {
        return (example % perChunk) * recordSize;
    }

    private int predictionsAt(int example) {
        return offset(example) + 6 * seqLength;
    }

    /** The masked LM weight of prediction {@code j} of example {@code i}. */
    float weight(int i, int j) {
        return chunk(i).getFloat(predictionsAt(i) + 4 * (2 * maxPredictions + j));
    }

    int maskedId(int i, int j) {
        return chunk(i).getInt(predictionsAt(i) + 4 * (maxPredictions + j));
    }

    int nextSentence(int i) {
        return chunk(i).get(offset(i) + recordSize - 1);
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
            ByteBuffer b = chunk(e);
            int at = offset(e);
            for (int t = 0; t < seqLength; t++) {
                ids[i * seqLength + t] = b.getInt(at + 4 * t);
                mask[i * seqLength + t] = b.get(at + 4 * seqLength + t);
                seg[i * seqLength + t] = b.get(at + 5 * seqLength + t);
            }
            int p0 = predictionsAt(e);
            for (int j = 0; j < maxPredictions; j++) {
                pos[i * maxPredictions + j] = b.getInt(p0 + 4 * j);
                lm[i * maxPredictions + j] = b.getInt(p0 + 4 * (maxPredictions + j));
                w[i * maxPredictions + j] = b.getFloat(p0 + 4 * (2 * maxPredictions + j));
            }
            nsp[i] = b.get(at + recordSize - 1);
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
