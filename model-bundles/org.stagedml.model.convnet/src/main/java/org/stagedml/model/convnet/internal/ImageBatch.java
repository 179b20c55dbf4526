package org.stagedml.model.convnet.internal;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The fed tensors of a slice of an image set, taken in a given order: images NHWC
 * {@code [n, rows, cols, channels]} scaled to [0,1] and int32 labels. The caller closes it.
 */
record ImageBatch(TFloat32 images, TInt32 labels, int size) implements AutoCloseable {
    /** Images {@code order[from..to)} (or {@code from..to} when order is null). */
    static ImageBatch of(IdxImages data, int[] order, int from, int to) {
        int n = to - from;
        int per = data.pixelsPerImage();
        byte[] pixels = data.pixels();
        float[] x = new float[n * per];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int index = order == null ? from + i : order[from + i];
            int src = index * per;
            int dst = i * per;
            for (int p = 0; p < per; p++) {
                x[dst + p] = (pixels[src + p] & 0xff) / 255f;
            }
            y[i] = data.labels()[index];
        }
        return new ImageBatch(TFloat32.tensorOf(Shape.of(n, data.rows(), data.cols(), data.channels()), DataBuffers.of(x, true, false)),
                TInt32.tensorOf(Shape.of(n), DataBuffers.of(y, true, false)), n);
    }

    @Override
    public void close() {
        images.close();
        labels.close();
    }
}
