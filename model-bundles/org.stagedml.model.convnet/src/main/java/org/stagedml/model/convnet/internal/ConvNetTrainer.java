package org.stagedml.model.convnet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.train.TrainingCheckpoints;
import org.stagedml.api.train.MinibatchLoop;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * Trains a {@link LeNetModel} (TensorFlow) on a training set and evaluates it on a test set after
 * every epoch. Deterministic on CPU for the same settings, data and thread count: weight init and
 * dropout follow the seed, and so does the per-epoch shuffle of the {@link MinibatchLoop}. While a
 * step runs, the next batch's tensors are prepared ({@link Prefetcher}). With a checkpoint area it
 * saves a checkpoint ({@code LeNetModel.session.saveState} beside an {@link org.stagedml.api.train.EpochCheckpoint}) after every
 * epoch and every so many steps, and resumes from the last one, also inside an epoch.
 */
public final class ConvNetTrainer {
    /** The outcome of training: the network after the last epoch (the caller closes it) and every epoch's figures. */
    public record Result(LeNetModel net, List<EpochResult> epochs) {
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
    private final int threads;
    private final String device;
    private Checkpoint checkpoint = Checkpoint.none();
    private int checkpointSteps;
    private String resumedFrom;

    /** Computes on the CPU with as many threads as the machine has processors. */
    public ConvNetTrainer(ConvNetSettings settings, TrainingMonitor monitor) {
        this(settings, monitor, Runtime.getRuntime().availableProcessors(), DeviceSessions.CPU);
    }

    /**
     * @param threads TensorFlow's intra-op threads: the CPUs granted to the build
     * @param device {@code cpu} or {@code gpu:<k>}, as {@link DeviceSessions#device} chose it
     */
    public ConvNetTrainer(ConvNetSettings settings, TrainingMonitor monitor, int threads, String device) {
        this.settings = settings;
        this.monitor = monitor;
        this.threads = threads;
        this.device = device;
    }

    /** Saves a checkpoint after every epoch there, and resumes from its last one. */
    public ConvNetTrainer withCheckpoint(Checkpoint c) {
        return withCheckpoint(c, 0);
    }

    /** Also saves one every {@code everySteps} steps inside an epoch (0: after epochs only). */
    public ConvNetTrainer withCheckpoint(Checkpoint c, int everySteps) {
        this.checkpoint = c;
        this.checkpointSteps = everySteps;
        return this;
    }

    /** Where the last {@link #train} resumed (e.g. {@code epoch 2}), null when it started from zero. */
    public String resumedFrom() {
        return resumedFrom;
    }

    public Result train(IdxImages train, IdxImages test, int classes) {
        if (train.rows() != test.rows() || train.cols() != test.cols() || train.channels() != test.channels()) {
            throw new StagedmlException("training images are " + train.rows() + "x" + train.cols() + "x" + train.channels()
                    + " but test images are " + test.rows() + "x" + test.cols() + "x" + test.channels());
        }
        LeNetModel net = LeNetModel.create(settings, train.rows(), train.cols(), train.channels(), classes, threads, device);
        try (Prefetcher batches = new Prefetcher(train, settings.batch())) {
            List<Map<String, Object>> history = new ArrayList<>();
            TrainingMonitor monitor = TrainingMonitor.teeing(this.monitor, r -> history.add(new java.util.LinkedHashMap<>(r)));
            MinibatchLoop loop = new MinibatchLoop("convnet-mnist", train.count(), settings.batch(), settings.epochs(),
                    settings.seed(), settings.lr(), monitor);
            List<EpochResult> epochs = new ArrayList<>();
            TrainingCheckpoints<EpochResult> checkpoints = new TrainingCheckpoints<>("convnet-mnist", checkpoint,
                    EpochResult.class, net.session::saveState, net.session::restoreState);
            loop.checkpointEvery(checkpointSteps, p -> checkpoints.save(p, epochs, history));
            int first = 1;
            // the model, the loop and the results as they were at the last checkpoint
            Optional<MinibatchLoop.Position> resumed = checkpoints.resumeLast(loop, epochs::addAll, monitor);
            if (resumed.isPresent()) {
                resumedFrom = resumed.get().where();
                first = resumed.get().epochs() + 1;
            }
            for (int epoch = first; epoch <= settings.epochs(); epoch++) {
                long started = System.nanoTime();
                double trainLoss = loop.epoch(epoch, (order, from, to) -> {
                    try (ImageBatch b = batches.take(order, from, to)) {
                        return net.step(b);
                    }
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                TestEvaluation eval = TestEvaluation.of(net, test);
                EpochResult r = new EpochResult(epoch, loop.step(), trainLoss, seconds, train.count(), eval);
                epochs.add(r);
                monitor.history(MinibatchLoop.record("step", loop.step(), "epoch", epoch, "train_loss", r.trainLoss(),
                        "test_loss", eval.loss(), "accuracy", eval.accuracy(), "seconds", seconds));
                monitor.log(String.format("epoch %d/%d: train loss %.4f, test loss %.4f, test accuracy %.4f, %.1f s (%.0f images/s)",
                        epoch, settings.epochs(), r.trainLoss(), eval.loss(), eval.accuracy(), seconds, r.imagesPerSecond()));
                checkpoints.save(loop.position(epoch), epochs, history);
            }
            return new Result(net, List.copyOf(epochs));
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }
}
