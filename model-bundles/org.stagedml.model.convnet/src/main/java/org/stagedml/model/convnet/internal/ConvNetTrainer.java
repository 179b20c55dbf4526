package org.stagedml.model.convnet.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;
import org.stagedml.engine.dl4j.training.TrainingMonitor;

/**
 * Trains a {@link LeNet} on a training set and evaluates it on a test set after every epoch.
 * Deterministic on CPU for the same settings and data: weight init and dropout follow the seed,
 * and the per-epoch shuffle uses its own {@link Random} seeded from it.
 */
public final class ConvNetTrainer {
    /** history.jsonl gets the mean minibatch loss every this many steps. */
    public static final int HISTORY_EVERY = 50;

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
        Random shuffle = new Random(settings.seed());
        int[] order = new int[train.count()];
        int batchesPerEpoch = (train.count() + settings.batch() - 1) / settings.batch();
        long totalSteps = (long) batchesPerEpoch * settings.epochs();
        List<EpochResult> epochs = new ArrayList<>();
        long step = 0;
        double windowLoss = 0;
        int window = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            permute(order, shuffle);
            double epochLoss = 0;
            long started = System.nanoTime();
            for (int b = 0; b < batchesPerEpoch; b++) {
                if (monitor.cancelled()) {
                    throw new CancelledException("convnet-mnist training cancelled at epoch " + epoch
                            + ", batch " + b);
                }
                int from = b * settings.batch();
                int to = Math.min(train.count(), from + settings.batch());
                net.fit(Batches.features(train, order, from, to), Batches.labels(train, order, from, to, classes));
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    throw new StagedmlException("training diverged (loss " + loss + " at epoch " + epoch
                            + ", batch " + b + "); lower lr (now " + settings.lr() + ")");
                }
                step++;
                epochLoss += loss;
                windowLoss += loss;
                window++;
                if (step % HISTORY_EVERY == 0) {
                    monitor.history(record("step", step, "epoch", epoch, "loss", windowLoss / window));
                    windowLoss = 0;
                    window = 0;
                }
                monitor.progress((double) step / totalSteps, String.format(
                        "epoch %d/%d batch %d/%d loss %.4f", epoch, settings.epochs(), b + 1, batchesPerEpoch, loss));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            TestEvaluation eval = TestEvaluation.of(net, test, classes);
            EpochResult r = new EpochResult(epoch, step, epochLoss / batchesPerEpoch, seconds, train.count(), eval);
            epochs.add(r);
            monitor.history(record("step", step, "epoch", epoch, "train_loss", r.trainLoss(),
                    "test_loss", eval.loss(), "accuracy", eval.accuracy(), "seconds", seconds));
            monitor.log(String.format("epoch %d/%d: train loss %.4f, test loss %.4f, test accuracy %.4f, %.1f s (%.0f images/s)",
                    epoch, settings.epochs(), r.trainLoss(), eval.loss(), eval.accuracy(), seconds, r.imagesPerSecond()));
        }
        return new Result(net, List.copyOf(epochs));
    }

    /** Fisher-Yates over 0..n-1, restarting from the identity so each epoch depends only on the RNG. */
    private static void permute(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
