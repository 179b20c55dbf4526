package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.SquadFeature;
import org.stagedml.dataset.bert.TfRecordReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/**
 * Windows of squad-features (a TFRecord) in memory: the inputs as {@link GlueData} (which cuts them
 * into fed batches), and each window's unique id and answer positions.
 */
final class SquadData {
    final GlueData inputs;
    final long[] uniqueIds;
    /** Per window: start, end. */
    final int[] positions;

    SquadData(List<InputFeatures> inputs, int seqLength, long[] uniqueIds, int[] positions) {
        this.inputs = new GlueData(inputs, seqLength);
        this.uniqueIds = uniqueIds;
        this.positions = positions;
    }

    /** Windows as model inputs (no label). */
    static InputFeatures inputs(int[] ids, int[] mask, int[] segments) {
        return new InputFeatures(ids, mask, segments, 0, true);
    }

    static SquadData read(Path file, int seqLength) throws IOException {
        List<InputFeatures> in = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        try (TfRecordReader r = new TfRecordReader(file)) {
            for (byte[] rec = r.next(); rec != null; rec = r.next()) {
                SquadFeature.Inputs f = SquadFeature.fromExample(rec);
                if (f.inputIds().length != seqLength) {
                    throw new StagedmlException(file + " holds windows of length " + f.inputIds().length
                            + ", features.json says " + seqLength + "; rebuild squad-features");
                }
                in.add(inputs(f.inputIds(), f.inputMask(), f.segmentIds()));
                ids.add(f.uniqueId());
                pos.add(new int[] {f.startPosition(), f.endPosition()});
            }
        }
        int[] flat = new int[pos.size() * 2];
        for (int i = 0; i < pos.size(); i++) {
            flat[2 * i] = pos.get(i)[0];
            flat[2 * i + 1] = pos.get(i)[1];
        }
        return new SquadData(in, seqLength, ids.stream().mapToLong(Long::longValue).toArray(), flat);
    }

    int size() {
        return uniqueIds.length;
    }

    /** The [n, 2] start and end positions of the windows at {@code indices}. */
    TInt32 positions(int[] indices) {
        int[] p = new int[indices.length * 2];
        for (int i = 0; i < indices.length; i++) {
            p[2 * i] = positions[2 * indices[i]];
            p[2 * i + 1] = positions[2 * indices[i] + 1];
        }
        return TInt32.tensorOf(Shape.of(indices.length, 2), DataBuffers.of(p, true, false));
    }
}
