package org.stagedml.api.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * The minibatch loop of a model's training, whatever its engine: each epoch shuffles the examples with a
 * {@link Random} of its own, seeded once, so that the order depends only on the seed; checks for
 * cancellation before every batch; stops on a diverged loss; sends the mean loss of every
 * {@value #HISTORY_EVERY} steps to history.jsonl and reports progress. Evaluation stays with the
 * model, which passes its own training {@link Step}. The state (shuffle RNG, step count, loss
 * window) lives in fields, so a model can run it one epoch at a time. {@link #checkpointEvery} hands
 * the model a {@link Position} inside an epoch every so many steps, and {@link #resume} goes on from
 * such a position exactly (same shuffle, same remaining batches, same loss sums).
 */
public final class MinibatchLoop {
    /** history.jsonl gets the mean minibatch loss every this many steps. */
    public static final int HISTORY_EVERY = 50;

    /** One training step on the examples {@code order[from..to)}; returns the minibatch loss. */
    @FunctionalInterface
    public interface Step {
        double fit(int[] order, int from, int to);
    }

    private final String stage;
    private final int batch;
    private final int epochs;
    private final double lr;
    private final TrainingMonitor monitor;
    private final Random shuffle;
    private final int[] order;
    private final int batchesPerEpoch;
    private long step;
    private double windowLoss;
    private int window;
    private int checkpointSteps;
    private Consumer<Position> checkpoint;
    /** Set by a resume inside an epoch: the next {@link #epoch} keeps the order and starts at this batch. */
    private int resumeBatch;
    private double resumeEpochLoss;

    /**
     * @param stage names the model in messages
     * @param lr the learning rate, named in the message of a diverged loss
     */
    public MinibatchLoop(String stage, int examples, int batch, int epochs, long seed, double lr,
            TrainingMonitor monitor) {
        this.stage = stage;
        this.batch = batch;
        this.epochs = epochs;
        this.lr = lr;
        this.monitor = monitor;
        this.shuffle = new Random(seed);
        this.order = new int[examples];
        this.batchesPerEpoch = (examples + batch - 1) / batch;
    }

    /** Runs one epoch of steps in a fresh shuffled order; returns the mean minibatch loss. */
    public double epoch(int epoch, Step fit) {
        int first = resumeBatch;
        double epochLoss = resumeEpochLoss;
        if (first == 0) {
            permute();
        }
        resumeBatch = 0;
        resumeEpochLoss = 0;
        long totalSteps = (long) batchesPerEpoch * epochs;
        for (int b = first; b < batchesPerEpoch; b++) {
            if (monitor.cancelled()) {
                throw new CancelledException(stage + " training cancelled at epoch " + epoch + ", batch " + b);
            }
            int from = b * batch;
            int to = Math.min(order.length, from + batch);
            double loss = fit.fit(order, from, to);
            if (!Double.isFinite(loss)) {
                throw new StagedmlException("training diverged (loss " + loss + " at epoch " + epoch
                        + ", batch " + b + "); lower lr (now " + lr + ")");
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
                    "epoch %d/%d batch %d/%d loss %.4f", epoch, epochs, b + 1, batchesPerEpoch, loss));
            // the epoch's end is the model's to checkpoint, after its evaluation
            if (checkpointSteps > 0 && step % checkpointSteps == 0 && b + 1 < batchesPerEpoch) {
                checkpoint.accept(new Position(epoch - 1, step, windowLoss, window, b + 1, epochLoss));
            }
        }
        return epochLoss / batchesPerEpoch;
    }

    /**
     * Hands {@code save} the loop's position after every {@code steps}-th step that does not end an
     * epoch (the model saves its own state beside it); {@code 0} turns this off. Where a training
     * checkpoints never changes its results.
     */
    public MinibatchLoop checkpointEvery(int steps, Consumer<Position> save) {
        if (steps < 0) {
            throw new IllegalArgumentException("checkpoint steps must be 0 (epochs only) or more, got " + steps);
        }
        this.checkpointSteps = steps;
        this.checkpoint = save;
        return this;
    }

    /**
     * Where the loop stands, between epochs or inside one: what a checkpoint keeps so that
     * {@link #resume} goes on exactly as the uninterrupted loop would (same shuffles, same history
     * windows, same epoch loss).
     *
     * @param epochs whole epochs done
     * @param step minibatches fitted so far
     * @param windowLoss the loss summed since the last history record
     * @param window the minibatches summed there
     * @param batch minibatches done of the epoch in progress (epoch {@code epochs + 1}); 0 between epochs
     * @param epochLoss the loss summed over those minibatches
     */
    public record Position(int epochs, long step, double windowLoss, int window, int batch, double epochLoss) {
        /** A position between epochs. */
        public Position(int epochs, long step, double windowLoss, int window) {
            this(epochs, step, windowLoss, window, 0, 0);
        }

        /** Where this is, for logs and the build's {@code resumed from} note: {@code epoch 2 (step 26)} or {@code step 30 (epoch 3, batch 4)}. */
        public String where() {
            return batch == 0 ? "epoch " + epochs + " (step " + step + ")"
                    : "step " + step + " (epoch " + (epochs + 1) + ", batch " + batch + ")";
        }
    }

    /** The position after {@code epochsDone} whole epochs (call it between epochs). */
    public Position position(int epochsDone) {
        return new Position(epochsDone, step, windowLoss, window);
    }

    /**
     * Goes on from a position of a loop with the same seed and sizes: replays the shuffles of the
     * epochs done (and of the epoch in progress), so that the next {@link #epoch} call fits the
     * batches the uninterrupted loop would have fitted next. Call it before the first epoch.
     */
    public void resume(Position p) {
        if (p.batch() < 0 || p.batch() >= batchesPerEpoch) {
            throw new IllegalArgumentException("a position at batch " + p.batch() + " of an epoch of "
                    + batchesPerEpoch + " batches: not a checkpoint of this training");
        }
        for (int e = 0; e < p.epochs() + (p.batch() > 0 ? 1 : 0); e++) {
            permute();
        }
        step = p.step();
        windowLoss = p.windowLoss();
        window = p.window();
        resumeBatch = p.batch();
        resumeEpochLoss = p.epochLoss();
    }

    /** Minibatches fitted so far, over all epochs. */
    public long step() {
        return step;
    }

    /** An ordered history record from alternating keys and values. */
    public static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Fisher-Yates over 0..n-1, restarting from the identity so each epoch depends only on the RNG. */
    private void permute() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
