package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.train.TrainingCheckpoints;
import org.stagedml.api.train.MinibatchLoop;
import org.stagedml.api.train.TrainingMonitor;

/**
 * Trains a {@link TransformerModel} with teacher forcing on token-bucketed batches
 * ({@link TokenBatches}), the Noam learning rate ({@link NoamSchedule}) and Adam, and after each epoch
 * decodes the dev sources ({@link Translator}) and scores them with BLEU, cased and uncased
 * ({@link Bleu#corpus}). Deterministic on CPU for the same settings, data and threads: init, dropout
 * masks and the per-epoch batch order follow the seed. One {@link MinibatchLoop} step is one batch
 * (the loop shuffles the batches); with {@link #withCheckpoint} it saves after every epoch (and every so
 * many steps) and resumes from the last checkpoint before its first epoch.
 */
public final class TransformerTrainer {
    /** Dev figures after one epoch (BLEU 0..100). */
    public record Epoch(int epoch, long step, double trainLoss, double devLoss, double bleu, double bleuUncased,
            double seconds, double decodeSeconds) {
    }

    /**
     * The corpus as ids: training and dev pairs {source ids + EOS, target ids + EOS}, the dev
     * references as text, and the vocabulary's decoding of ids to text.
     */
    public record Data(List<int[][]> train, List<int[][]> dev, List<String> devReferences, Function<int[], String> detokenize,
            int vocab) {
    }

    /** The model after the last epoch (the caller closes it), every epoch's figures and the last dev translations. */
    public record Result(TransformerModel model, List<Epoch> epochs, List<String> devPredictions) {
        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }

        public Epoch best() {
            return epochs.stream().max(java.util.Comparator.comparingDouble(Epoch::bleu)).orElseThrow();
        }
    }

    private final TransformerSettings s;
    private final TrainingMonitor monitor;
    private final Data data;
    private final TransformerModel model;
    private final List<PairBatch> batches = new ArrayList<>();
    private final List<PairBatch> devBatches = new ArrayList<>();
    private final MinibatchLoop loop;
    private final NoamSchedule schedule;
    private final List<Epoch> epochs = new ArrayList<>();
    private final List<Map<String, Object>> history = new ArrayList<>();
    private List<String> devPredictions = List.of();
    private TrainingCheckpoints<Epoch> checkpoints;
    private Consumer<List<Epoch>> afterEpoch = e -> { };
    private boolean started;
    private String resumedFrom;

    /** A fresh model from the seed, computing with the threads on the device ({@code cpu} or {@code gpu:<k>}). */
    public TransformerTrainer(TransformerSettings s, TrainingMonitor monitor, Data data, int threads, String device) {
        this.s = s;
        this.monitor = TrainingMonitor.teeing(monitor, r -> history.add(new LinkedHashMap<>(r)));
        this.data = data;
        TokenBatches.Result train = TokenBatches.of(data.train(), s.batchTokens(), s.maxLength());
        if (train.batches().isEmpty()) {
            throw new org.stagedml.api.StagedmlException("transformer: no training pair is at most max_length=" + s.maxLength()
                    + " subtokens long (" + data.train().size() + " pairs); raise max_length");
        }
        if (train.leftOut() > 0) {
            monitor.log(train.leftOut() + " of " + data.train().size() + " training pairs are longer than max_length="
                    + s.maxLength() + " subtokens: left out");
        }
        train.batches().forEach(b -> batches.add(batch(data.train(), b)));
        // dev loss over every dev pair, however long
        TokenBatches.of(data.dev(), Math.max(s.batchTokens(), longest(data.dev())), Integer.MAX_VALUE / 2).batches()
                .forEach(b -> devBatches.add(batch(data.dev(), b)));
        this.schedule = new NoamSchedule(s.learningRate(), s.size().hidden(), s.warmupSteps());
        this.loop = new MinibatchLoop(TransformerStage.NAME, batches.size(), 1, s.epochs(), s.seed(), s.learningRate(), this.monitor);
        this.model = TransformerModel.create(s.size(), data.vocab(), s.labelSmoothing(), s.seed(), threads, device);
        this.checkpoints = checkpointsIn(Checkpoint.none());
    }

    private TrainingCheckpoints<Epoch> checkpointsIn(Checkpoint area) {
        return new TrainingCheckpoints<>(TransformerStage.NAME, area, Epoch.class, model::saveState, model::restoreState);
    }

    public TransformerTrainer withCheckpoint(Checkpoint c, int everySteps) {
        if (started) {
            throw new IllegalStateException("transformer: the checkpoint is set before the first epoch");
        }
        this.checkpoints = checkpointsIn(c);
        loop.checkpointEvery(everySteps, this::save);
        return this;
    }

    /** Called after each epoch (after its checkpoint) with every epoch's figures so far, resumed ones included. */
    public TransformerTrainer afterEpoch(Consumer<List<Epoch>> listener) {
        this.afterEpoch = listener;
        return this;
    }

    public String resumedFrom() {
        return resumedFrom;
    }

    /** Training batches per epoch. */
    public int batchesPerEpoch() {
        return batches.size();
    }

    /** Runs every remaining epoch; closes the model if training fails. */
    public Result train() {
        try {
            start();
            while (epochs.size() < s.epochs()) {
                epoch();
            }
            if (devPredictions.isEmpty()) { // resumed after the last epoch: decode again for the outputs
                devPredictions = translateDev();
            }
            return new Result(model, List.copyOf(epochs), devPredictions);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** Trains the next epoch, then decodes and scores dev, reports it to history.jsonl and the log, and checkpoints. */
    public Epoch epoch() {
        start();
        int number = epochs.size() + 1;
        long t0 = System.nanoTime();
        double trainLoss = loop.epoch(number, (order, from, to) -> {
            long step = loop.step() + 1;
            return model.step(batches.get(order[from]), schedule.at(step), step, s.dropout(), s.seed());
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double devLoss = devLoss();
        devPredictions = translateDev();
        BleuScore cased = Bleu.corpus(devPredictions, data.devReferences(), false);
        BleuScore uncased = Bleu.corpus(devPredictions, data.devReferences(), true);
        double decodeSeconds = (System.nanoTime() - t1) / 1e9;
        Epoch e = new Epoch(number, loop.step(), trainLoss, devLoss, cased.score(), uncased.score(), seconds, decodeSeconds);
        epochs.add(e);
        monitor.history(MinibatchLoop.record("step", loop.step(), "epoch", number, "train_loss", trainLoss, "dev_loss", devLoss,
                "bleu", e.bleu(), "bleu_uncased", e.bleuUncased(), "learning_rate", schedule.at(loop.step()), "seconds", seconds));
        monitor.log(String.format("epoch %d/%d: train loss %.4f, dev loss %.4f, dev BLEU %.2f (uncased %.2f), %.1f s training,"
                + " %.1f s decoding %d dev sentences", number, s.epochs(), trainLoss, devLoss, e.bleu(), e.bleuUncased(), seconds,
                decodeSeconds, data.dev().size()));
        save(loop.position(number));
        afterEpoch.accept(List.copyOf(epochs));
        return e;
    }

    /** Decoded dev sources, as text. */
    private List<String> translateDev() {
        Translator t = new Translator(model, s.beamSize(), s.alpha(), s.maxLength());
        List<String> out = new ArrayList<>(data.dev().size());
        for (int[][] pair : data.dev()) {
            if (monitor.cancelled()) {
                throw new org.stagedml.api.CancelledException("transformer: decoding dev cancelled");
            }
            out.add(data.detokenize().apply(t.translate(pair[0])));
        }
        return out;
    }

    private double devLoss() {
        double sum = 0;
        long tokens = 0;
        for (PairBatch b : devBatches) {
            sum += model.loss(b) * b.tokens();
            tokens += b.tokens();
        }
        return tokens == 0 ? Double.NaN : sum / tokens;
    }

    private void save(MinibatchLoop.Position at) {
        checkpoints.save(at, epochs, history);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        resumedFrom = checkpoints.resumeLast(loop, epochs::addAll, monitor).map(MinibatchLoop.Position::where).orElse(null);
    }

    private static PairBatch batch(List<int[][]> pairs, int[] indices) {
        List<int[][]> chosen = new ArrayList<>(indices.length);
        for (int i : indices) {
            chosen.add(pairs.get(i));
        }
        return PairBatch.of(chosen);
    }

    private static int longest(List<int[][]> pairs) {
        int n = 1;
        for (int[][] p : pairs) {
            n = Math.max(n, Math.max(p[0].length, p[1].length));
        }
        return n;
    }
}
