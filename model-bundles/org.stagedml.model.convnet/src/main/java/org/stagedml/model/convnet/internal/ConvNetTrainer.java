package org.stagedml.model.convnet.internal;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.stagedml.api.StagedmlException;
import org.stagedml.engine.dl4j.training.MinibatchLoop;
import org.stagedml.engine.dl4j.training.TrainingMonitor;

/**
 * Trains a {@link LeNet} on a training set and evaluates it on a test set after every epoch.
 * Deterministic on CPU for the same settings and data: weight init and dropout follow the seed,
 * and so does the per-epoch shuffle of the {@link MinibatchLoop}.
 */
public final class ConvNetTrainer {
    /** The outcome of training: the network after the last epoch and every epoch's figures. */
    public record Result(MultiLayerNetwork net, List<EpochResult> epochs) {
        public EpochResult last() {
            return epochs.get(epochs.size() - 1);
        }

        public double bestAccuracy() {
            return epochs.stream().mapToDouble(e -> e.test().accuracy()).max().orElse(0);
        }

        public double trainSeconds() {
            return epochs.stream().mapToDouble(EpochResult::seconds).sum();
        }
    }

    private final ConvNetSettings settings;
    private final TrainingMonitor monitor;

    public ConvNetTrainer(ConvNetSettings settings, TrainingMonitor monitor) {
        this.settings = settings;
        this.monitor = monitor;
    }

    public Result train(IdxImages train, IdxImages test, int classes) {
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new StagedmlException("training images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
        MultiLayerNetwork net = LeNet.create(settings, train.rows(), train.cols(), classes);
        MinibatchLoop loop = new MinibatchLoop("convnet-mnist", train.count(), settings.batch(), settings.epochs(),
                settings.seed(), settings.lr(), monitor);
        MinibatchLoop.Batches batches = new MinibatchLoop.Batches() {
            @Override
            public INDArray features(int[] order, int from, int to) {
                return Batches.features(train, order, from, to);
            }

            @Override
            public INDArray labels(int[] order, int from, int to) {
                return Batches.labels(train, order, from, to, classes);
            }
        };
        List<EpochResult> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long started = System.nanoTime();
            double trainLoss = loop.epoch(net, epoch, batches);
            double seconds = (System.nanoTime() - started) / 1e9;
            TestEvaluation eval = TestEvaluation.of(net, test, classes);
            EpochResult r = new EpochResult(epoch, loop.step(), trainLoss, seconds, train.count(), eval);
            epochs.add(r);
            monitor.history(MinibatchLoop.record("step", loop.step(), "epoch", epoch, "train_loss", r.trainLoss(),
                    "test_loss", eval.loss(), "accuracy", eval.accuracy(), "seconds", seconds));
            monitor.log(String.format("epoch %d/%d: train loss %.4f, test loss %.4f, test accuracy %.4f, %.1f s (%.0f images/s)",
                    epoch, settings.epochs(), r.trainLoss(), eval.loss(), eval.accuracy(), seconds, r.imagesPerSecond()));
        }
        return new Result(net, List.copyOf(epochs));
    }
}
