package org.stagedml.model.convnet.internal;

/**
 * Accuracy, mean cross-entropy loss and confusion matrix of a network on a labelled image set,
 * computed from one forward pass (no dropout) per batch.
 *
 * @param confusion confusion[actual][predicted] counts
 */
public record TestEvaluation(double accuracy, double loss, int[][] confusion) {
    private static final int BATCH = 500;

    public static TestEvaluation of(LeNetModel net, IdxImages data) {
        int classes = net.classes();
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        double lossSum = 0;
        for (int from = 0; from < data.count(); from += BATCH) {
            int to = Math.min(data.count(), from + BATCH);
            float[][] probs;
            try (ImageBatch b = ImageBatch.of(data, null, from, to)) {
                probs = net.probabilities(b);
            }
            for (int i = 0; i < probs.length; i++) {
                int actual = data.labels()[from + i];
                int predicted = argmax(probs[i]);
                confusion[actual][predicted]++;
                if (predicted == actual) {
                    correct++;
                }
                lossSum -= Math.log(Math.max(probs[i][actual], 1e-12));
            }
        }
        return new TestEvaluation((double) correct / data.count(), lossSum / data.count(), confusion);
    }

    /** The predicted class of every image (for comparing a reloaded model with the trained one). */
    public static int[] predictions(LeNetModel net, IdxImages data) {
        int[] out = new int[data.count()];
        for (int from = 0; from < data.count(); from += BATCH) {
            int to = Math.min(data.count(), from + BATCH);
            try (ImageBatch b = ImageBatch.of(data, null, from, to)) {
                float[][] probs = net.probabilities(b);
                for (int i = 0; i < probs.length; i++) {
                    out[from + i] = argmax(probs[i]);
                }
            }
        }
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
