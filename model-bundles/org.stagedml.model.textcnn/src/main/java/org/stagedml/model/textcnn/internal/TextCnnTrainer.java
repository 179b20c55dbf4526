package org.stagedml.model.textcnn.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.train.TrainingCheckpoints;
import org.stagedml.api.train.MinibatchLoop;
import org.stagedml.api.train.TrainingMonitor;

/**
 * Trains a {@link TextCnnModel} (TensorFlow) with Adam and evaluates it on the dev split after each
 * epoch. Deterministic on CPU for the same settings, data and thread count: init and dropout follow
 * the seed, and so does the per-epoch shuffle of the {@link MinibatchLoop}. One call of
 * {@link #epoch()} per epoch, the whole state in fields (model, loop, epochs so far), so that a run
 * can be stopped and continued between epochs. With {@link #withCheckpoint} it saves a checkpoint
 * after every epoch (and every so many steps) and, before its first epoch, resumes from the last one,
 * also from inside an epoch.
 */
public final class TextCnnTrainer {
    static final int EVAL_BATCH = 256;

    /** Dev-set figures after one epoch; f1 of label index 1 for tasks labelled 0/1, else NaN. */
    public record Epoch(int epoch, long step, double trainLoss, double seconds, double accuracy, double loss, double f1) {
    }

    /** A task's examples as token ids ({@code [n][maxLen]}) and label indices. */
    public record Data(int[][] trainX, int[] trainY, int[][] devX, int[] devY, int vocab, int classes, boolean binary01) {
        public static Data of(GlueSplit train, GlueSplit dev, Vocabulary vocab, int maxLen, int classes, boolean binary01) {
            return new Data(encode(train, vocab, maxLen), train.labels(), encode(dev, vocab, maxLen), dev.labels(),
                    vocab.size(), classes, binary01);
        }
    }

    /** The network after the last epoch (the caller closes it) and every epoch's figures. */
    public record Result(TextCnnModel net, List<Epoch> epochs) {
        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }

        public double trainSeconds() {
            return epochs.stream().mapToDouble(Epoch::seconds).sum();
        }
    }

    private final TextCnnSettings s;
    private final TrainingMonitor monitor;
    private final Data data;
    private final TextCnnModel net;
    private final MinibatchLoop loop;
    private final List<Epoch> epochs = new ArrayList<>();
    /** The history records so far, which a checkpoint carries. */
    private final List<Map<String, Object>> history = new ArrayList<>();
    private TrainingCheckpoints<Epoch> checkpoints;
    private boolean started;
    private String resumedFrom;

    /**
     * A fresh model from the seed.
     *
     * @param threads TensorFlow's intra-op threads: the CPUs granted to the build
     * @param device {@code cpu} or {@code gpu:<k>}, as DeviceSessions chose it
     */
    public TextCnnTrainer(TextCnnSettings s, TrainingMonitor monitor, Data data, int threads, String device) {
        this.s = s;
        this.monitor = TrainingMonitor.teeing(monitor, r -> history.add(new LinkedHashMap<>(r)));
        this.data = data;
        this.net = TextCnnModel.create(s, data.vocab(), data.classes(), threads, device);
        this.loop = new MinibatchLoop(TextCnnGlueStage.NAME, data.trainX().length, s.batch(), s.epochs(), s.seed(), s.lr(),
                this.monitor);
        this.checkpoints = checkpointsIn(Checkpoint.none());
    }

    /** Saves a checkpoint after every epoch there, and resumes from its last one (call before the first epoch). */
    public TextCnnTrainer withCheckpoint(Checkpoint c) {
        return withCheckpoint(c, 0);
    }

    /** Also saves one every {@code everySteps} steps inside an epoch (0: after epochs only). */
    public TextCnnTrainer withCheckpoint(Checkpoint c, int everySteps) {
        if (started) {
            throw new IllegalStateException("textcnn-glue: the checkpoint is set before the first epoch");
        }
        this.checkpoints = checkpointsIn(c);
        loop.checkpointEvery(everySteps, this::save);
        return this;
    }

    /** Where training resumed (e.g. {@code epoch 2 (step 26)}), null when it started from zero. */
    public String resumedFrom() {
        return resumedFrom;
    }

    /** Token ids [n, maxLen] of a split. */
    public static int[][] encode(GlueSplit split, Vocabulary vocab, int maxLen) {
        int[][] ids = new int[split.size()][];
        for (int i = 0; i < split.size(); i++) {
            ids[i] = vocab.encode(split.first().get(i), split.second().get(i), maxLen);
        }
        return ids;
    }

    /** Runs every remaining epoch; closes the model if training fails. */
    public Result train() {
        try {
            start();
            while (epochs.size() < s.epochs()) {
                epoch();
            }
            return new Result(net, List.copyOf(epochs));
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    /** Trains the next epoch, evaluates on dev, reports it to history.jsonl and the log. */
    public Epoch epoch() {
        start();
        int number = epochs.size() + 1;
        long started = System.nanoTime();
        double trainLoss = loop.epoch(number, (order, from, to) -> {
            try (TokenBatch b = TokenBatch.of(data.trainX(), data.trainY(), order, from, to)) {
                return net.step(b);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        Epoch e = evaluate(number, loop.step(), trainLoss, seconds);
        epochs.add(e);
        Map<String, Object> rec = MinibatchLoop.record("step", loop.step(), "epoch", number, "train_loss", e.trainLoss(),
                "dev_loss", e.loss(), "accuracy", e.accuracy(), "seconds", seconds);
        if (!Double.isNaN(e.f1())) {
            rec.put("f1", e.f1());
        }
        monitor.history(rec);
        monitor.log(String.format("epoch %d/%d: train loss %.4f, dev loss %.4f, dev accuracy %.4f, %.1f s (%.0f examples/s)",
                number, s.epochs(), e.trainLoss(), e.loss(), e.accuracy(), seconds, data.trainX().length / seconds));
        save(loop.position(number));
        return e;
    }

    private TrainingCheckpoints<Epoch> checkpointsIn(Checkpoint area) {
        return new TrainingCheckpoints<>(TextCnnGlueStage.NAME, area, Epoch.class, net.session::saveState, net.session::restoreState);
    }

    private void save(MinibatchLoop.Position at) {
        checkpoints.save(at, epochs, history);
    }

    /** Once, before the first epoch: the model, the loop and the figures as they were after the last checkpoint's epoch. */
    private void start() {
        if (started) {
            return;
        }
        started = true;
        resumedFrom = checkpoints.resumeLast(loop, epochs::addAll, monitor).map(MinibatchLoop.Position::where).orElse(null);
    }

    private Epoch evaluate(int epoch, long step, double trainLoss, double seconds) {
        int[][] x = data.devX();
        int[] y = data.devY();
        int correct = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double loss = 0;
        for (int from = 0; from < x.length; from += EVAL_BATCH) {
            int to = Math.min(x.length, from + EVAL_BATCH);
            float[][] p;
            try (TokenBatch b = TokenBatch.of(x, null, null, from, to)) {
                p = net.probabilities(b);
            }
            for (int i = 0; i < p.length; i++) {
                int actual = y[from + i];
                int predicted = argmax(p[i]);
                correct += predicted == actual ? 1 : 0;
                tp += predicted == 1 && actual == 1 ? 1 : 0;
                fp += predicted == 1 && actual != 1 ? 1 : 0;
                fn += predicted != 1 && actual == 1 ? 1 : 0;
                loss -= Math.log(Math.max(p[i][actual], 1e-12));
            }
        }
        double f1 = data.binary01() ? (tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn)) : Double.NaN;
        int n = Math.max(1, x.length);
        return new Epoch(epoch, step, trainLoss, seconds, (double) correct / n, loss / n, f1);
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
