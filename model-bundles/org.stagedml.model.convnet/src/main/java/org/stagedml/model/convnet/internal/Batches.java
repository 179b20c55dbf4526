package org.stagedml.model.convnet.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns a slice of an image set (in a given order) into ND4J feature and one-hot label arrays. */
final class Batches {
    private Batches() {
    }

    /** Features [n, 1, rows, cols] scaled to [0,1], for images order[from..to). */
    static INDArray features(IdxImages data, int[] order, int from, int to) {
        int per = data.pixelsPerImage();
        byte[] pixels = data.pixels();
        float[] x = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            int src = (order == null ? i : order[i]) * per;
            int dst = (i - from) * per;
            for (int p = 0; p < per; p++) {
                x[dst + p] = (pixels[src + p] & 0xff) / 255f;
            }
        }
        return Nd4j.create(x, new long[] {to - from, 1, data.rows(), data.cols()}, 'c');
    }

    /** One-hot labels [n, classes] for images order[from..to). */
    static INDArray labels(IdxImages data, int[] order, int from, int to, int classes) {
        float[] y = new float[(to - from) * classes];
        for (int i = from; i < to; i++) {
            int label = data.labels()[order == null ? i : order[i]];
            y[(i - from) * classes + label] = 1f;
        }
        return Nd4j.create(y, new long[] {to - from, classes}, 'c');
    }
}
