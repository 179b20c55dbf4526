package org.stagedml.model.convnet.internal;

/**
 * One epoch of training.
 *
 * @param epoch 1-based
 * @param step minibatches trained so far, this epoch included
 * @param trainLoss mean minibatch loss over the epoch
 * @param seconds time spent fitting (evaluation excluded)
 * @param test the test-set evaluation after the epoch
 */
public record EpochResult(int epoch, long step, double trainLoss, double seconds, int images, TestEvaluation test) {
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : 0;
    }
}
