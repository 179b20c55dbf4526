package org.stagedml.api.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * The minibatch loop of a model's training, whatever its engine: each epoch shuffles the examples with a
 * {@link Random} of its own, seeded once, so that the order depends only on the seed; checks for
 * cancellation before every batch; stops on a diverged loss; sends the mean loss of every
 * {@value #HISTORY_EVERY} steps to history.jsonl and reports progress. Evaluation stays with the
 * model, which passes its own training {@link Step}. The state (shuffle RNG, step count, loss
 * window) lives in fields, so a model can run it one epoch at a time.
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
        permute();
        long totalSteps = (long) batchesPerEpoch * epochs;
        double epochLoss = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
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
        }
        return epochLoss / batchesPerEpoch;
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
