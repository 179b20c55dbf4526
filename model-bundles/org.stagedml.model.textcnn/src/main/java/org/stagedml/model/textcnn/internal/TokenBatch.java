package org.stagedml.model.textcnn.internal;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/** The fed tensors of a slice of encoded examples, taken in a given order: token ids {@code [n, maxLen]} and labels. */
record TokenBatch(TInt32 tokens, TInt32 labels, int size) implements AutoCloseable {
    /** Examples {@code order[from..to)} (or {@code from..to} when order is null); labels may be null (prediction). */
    static TokenBatch of(int[][] x, int[] y, int[] order, int from, int to) {
        int n = to - from;
        int len = x[0].length;
        int[] ids = new int[n * len];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int index = order == null ? from + i : order[from + i];
            System.arraycopy(x[index], 0, ids, i * len, len);
            labels[i] = y == null ? 0 : y[index];
        }
        return new TokenBatch(TInt32.tensorOf(Shape.of(n, len), DataBuffers.of(ids, true, false)),
                TInt32.tensorOf(Shape.of(n), DataBuffers.of(labels, true, false)), n);
    }

    @Override
    public void close() {
        tokens.close();
        labels.close();
    }
}
