package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.engine.tensorflow.training.CpuSessions;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.engine.tensorflow.training.GraphDevices;
import org.stagedml.api.stage.PeakMemory;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Fine-tunes a BERT checkpoint (a bert-checkpoint or bert-random-init realization) on the features
 * of a GLUE task (a glue-features realization) as run_classifier.py does: restores the encoder by
 * its checkpoint names, adds a seeded classification (or regression) head, trains with AdamW under
 * linear warmup and decay with dropout, evaluates on dev after each epoch, and writes into the output
 * folder the fine-tuned checkpoint in the same layout as its input (so a later stage can restore
 * it), TensorBoard event files under {@code tensorboard/} and {@code training_curves.png}.
 */
final class FineTuner {
    static final String CURVES = "training_curves.png";
    static final String EVENTS = "tensorboard";

    private final FineTuneSettings s;
    private final String gpuIndex;
    private final TrainingSink sink;
    private Checkpoint checkpoint = Checkpoint.none();
    private int checkpointSteps;
    private String resumedFrom;

    /** Computes on the CPU. */
    FineTuner(FineTuneSettings settings, boolean gpu, TrainingSink sink) {
        this(settings, gpu ? "0" : null, sink);
    }

    /** Computes on the GPU with this index (as the realizer granted it, e.g. "0"), or on the CPU when null. */
    FineTuner(FineTuneSettings settings, String gpuIndex, TrainingSink sink) {
        this.s = settings;
        this.gpuIndex = gpuIndex;
        this.sink = sink;
    }

    /**
     * Saves a training checkpoint there after every epoch and every {@code everySteps} steps (0: at
     * epochs only), and resumes from the last one.
     */
    FineTuner withCheckpoint(Checkpoint area, int everySteps) {
        this.checkpoint = area;
        this.checkpointSteps = Math.max(0, everySteps);
        return this;
    }

    /** Throws when the build must stop. */
    void checkCancelled() {
        if (sink != null) {
            sink.checkCancelled();
        }
    }

    /** Where the last run resumed (e.g. {@code step 40 (epoch 2, batch 3)}), null when it started from zero. */
    String resumedFrom() {
        return resumedFrom;
    }

    /** The session options: all computation on the CPU unless the GPU is to be used. */
    static ConfigProto sessionConfig(boolean gpu) {
        return sessionConfig(gpu ? "0" : null);
    }

    /**
     * One intra-op thread per processor (the stage asks the realizer for all of them on the CPU),
     * one inter-op thread, and pools of the session's own (see {@link CpuSessions}); on a GPU, every GPU
     * visible and memory grown as needed ({@link DeviceSessions#config}), the graph being pinned to
     * the granted one ({@link GraphDevices#pin}).
     */
    static ConfigProto sessionConfig(String gpuIndex) {
        return DeviceSessions.config(Runtime.getRuntime().availableProcessors(), device(gpuIndex));
    }

    /** {@code gpu:<index>}, or {@code cpu} when the index is null. */
    static String device(String gpuIndex) {
        return gpuIndex == null ? DeviceSessions.CPU : "gpu:" + gpuIndex;
    }

    /** Runs the fine-tuning; returns the final metrics (dev metrics of the last epoch, loss, speed). */
    Map<String, Double> run(Path bert, Path features, Path out) throws IOException {
        BertHyper hyper = BertHyper.read(bert.resolve(BertLayout.CONFIG));
        JsonNode info = Json.mapper().readTree(features.resolve("features.json").toFile());
        String task = info.path("task").asText();
        boolean regression = info.path("type").asText().equals("regression");
        int numLabels = info.path("labels").size();
        int seqLength = info.path("max_seq_length").asInt();
        if (!regression && numLabels < 2) {
            throw new StagedmlException("features.json of " + features + " lists " + numLabels + " labels; a classification task needs at least 2");
        }
        GlueData train = GlueData.read(features.resolve("train.tfrecord"), seqLength);
        GlueData dev = GlueData.read(features.resolve("dev.tfrecord"), seqLength);
        if (train.size() == 0) {
            throw new StagedmlException("the train split of " + task + " is empty; nothing to fine-tune on");
        }
        TrainingTask glue = new TrainingTask() {
            @Override
            public int trainSize() {
                return train.size();
            }

            @Override
            public Fed feed(Session.Runner r, FineTuneGraph m, int[] idx) {
                GlueData.Batch batch = train.batch(idx);
                FineTuner.feed(r, m, batch);
                return batch::close;
            }

            @Override
            public Map<String, Double> evaluate(Session session, FineTuneGraph m) {
                return FineTuner.this.evaluate(session, m, dev, task, regression);
            }

            @Override
            public String devMetric() {
                return regression ? "pearson" : "accuracy";
            }

            @Override
            public String title() {
                return "bert-finetune-glue " + task;
            }
        };
        sink.log("fine-tuning " + task + ": " + train.size() + " train, " + dev.size() + " dev examples");
        Map<String, Double> finalMetrics = fineTune(bert, out, glue, graph -> new FineTuneGraph(graph, hyper, seqLength, numLabels,
                regression, s.weightDecay(), FineTuneGraph::encoderParameter));
        ObjectNode model = Json.mapper().createObjectNode();
        JsonNode source = Files.isRegularFile(bert.resolve(BertLayout.MODEL_JSON))
                ? Json.mapper().readTree(bert.resolve(BertLayout.MODEL_JSON).toFile()) : Json.mapper().createObjectNode();
        model.put("model", "bert-finetune-glue");
        model.put("base_model", source.path("model").asText("unknown"));
        model.put("do_lower_case", source.path("do_lower_case").asBoolean(true));
        model.put("task", task);
        model.put("type", regression ? "regression" : "classification");
        model.set("labels", info.path("labels"));
        model.put("max_seq_length", seqLength);
        model.put("head", "output_weights [labels, hidden], output_bias [labels] on the pooled output");
        Files.writeString(out.resolve(BertLayout.MODEL_JSON), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(model));
        return finalMetrics;
    }

    /** What the training loop needs of a task: its train examples fed by index, and its dev evaluation. */
    interface TrainingTask {
        int trainSize();

        /** Feeds the inputs and targets of these train examples; the result frees them after the step. */
        Fed feed(Session.Runner r, FineTuneGraph m, int[] indices);

        /** The dev metrics after an epoch. */
        Map<String, Double> evaluate(Session session, FineTuneGraph m) throws IOException;

        /** The dev metric drawn in training_curves.png. */
        String devMetric();

        /** The title of training_curves.png. */
        String title();
    }

    /** Tensors fed for one step. */
    interface Fed extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Builds the graph, restores the encoder from the bert realization, trains (resuming from the last
     * checkpoint), saves the fine-tuned checkpoint and copies bert_config.json and vocab.txt into
     * {@code out}; returns the final metrics.
     */
    Map<String, Double> fineTune(Path bert, Path out, TrainingTask task, java.util.function.Function<Graph, FineTuneGraph> graphOf)
            throws IOException {
        int stepsPerEpoch = (task.trainSize() + s.batch() - 1) / s.batch();
        long totalSteps = (long) stepsPerEpoch * s.epochs();
        LearningRateSchedule schedule = LearningRateSchedule.of(s.learningRate(), totalSteps, s.warmup());
        String device = device(gpuIndex);
        sink.log(totalSteps + " steps of " + s.batch() + " on " + device);
        Map<String, Double> finalMetrics;
        try (Graph graph = new Graph()) {
            FineTuneGraph m = graphOf.apply(graph);
            // the whole graph (encoder, head, gradients, AdamW) on the granted GPU, for GLUE and SQuAD alike
            int pinned = GraphDevices.pin(graph, device);
            if (pinned > 0) {
                sink.log("pinned " + pinned + " operations to " + GraphDevices.deviceName(device));
            }
            sink.log("model: " + m.params.count() + " parameters in " + m.params.all().size() + " variables");
            try (Session session = new Session(graph, sessionConfig(gpuIndex)); EventLog events = new EventLog(out.resolve(EVENTS))) {
                restore(session, m, bert.resolve(BertLayout.CHECKPOINT_PREFIX));
                initialize(session, m);
                FineTuneProgress progress = resume(session, m, events);
                finalMetrics = train(session, m, task, schedule, stepsPerEpoch, events, out, progress);
                save(session, m, out.resolve(BertLayout.CHECKPOINT_PREFIX));
            }
        }
        Files.copy(bert.resolve(BertLayout.CONFIG), out.resolve(BertLayout.CONFIG));
        Files.copy(bert.resolve(BertLayout.VOCAB), out.resolve(BertLayout.VOCAB));
        return finalMetrics;
    }

    /**
     * Restores a fine-tuned checkpoint (this stage's output: encoder and head) and computes its metrics
     * on a split of glue-features, as a later stage would.
     */
    static Map<String, Double> evaluateCheckpoint(Path model, Path features, String split, int evalBatch) throws IOException {
        BertHyper hyper = BertHyper.read(model.resolve(BertLayout.CONFIG));
        JsonNode info = Json.mapper().readTree(features.resolve("features.json").toFile());
        boolean regression = info.path("type").asText().equals("regression");
        int seqLength = info.path("max_seq_length").asInt();
        GlueData data = GlueData.read(features.resolve(split + ".tfrecord"), seqLength);
        FineTuner tuner = new FineTuner(new FineTuneSettings(0, 1, 1, 0, 0, 0, 0, evalBatch), (String) null, null);
        try (Graph graph = new Graph()) {
            FineTuneGraph m = new FineTuneGraph(graph, hyper, seqLength, info.path("labels").size(), regression, 0, n -> true);
            try (Session session = new Session(graph, sessionConfig(false))) {
                restore(session, m, model.resolve(BertLayout.CHECKPOINT_PREFIX));
                return tuner.evaluate(session, m, data, info.path("task").asText(), regression);
            }
        }
    }

    static void restore(Session session, FineTuneGraph m, Path prefix) {
        try (TString p = TString.scalarOf(prefix.toString())) {
            session.runner().feed(m.checkpointPrefix, p).addTarget(m.restore).run().close();
        } catch (TensorFlowException e) {
            throw new StagedmlException("cannot restore the BERT encoder from " + prefix + ": " + firstLine(e.getMessage())
                    + "; the checkpoint must hold Google's variable names for this bert_config.json", e);
        }
    }

    private static void save(Session session, FineTuneGraph m, Path prefix) {
        try (TString p = TString.scalarOf(prefix.toString())) {
            session.runner().feed(m.checkpointPrefix, p).addTarget(m.save).run().close();
        }
    }

    /** The head as run_classifier.py: weights truncated normal (stddev 0.02, seeded), bias zero; Adam slots zero. */
    void initialize(Session session, FineTuneGraph m) {
        Random r = new Random(s.seed() * 0x9E3779B97F4A7C15L + 17);
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (FineTuneGraph.Initializer init : m.initializers) {
                ParameterSet.Parameter p = init.parameter();
                float[] v = new float[(int) p.size()];
                if (!p.name().endsWith("bias") && !p.name().endsWith("beta")) {
                    for (int i = 0; i < v.length; i++) {
                        double x;
                        do {
                            x = r.nextGaussian();
                        } while (x < -2 || x > 2);
                        v[i] = p.name().endsWith("gamma") ? 1f : (float) (x * 0.02);
                    }
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(p.shape()), DataBuffers.of(v, true, false));
                fed.add(t);
                runner.feed(init.value(), t).addTarget(init.assign());
            }
            runner.addTarget(m.optimizer.resetSlots).run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    private Map<String, Double> train(Session session, FineTuneGraph m, TrainingTask task, LearningRateSchedule schedule,
            int stepsPerEpoch, EventLog events, Path out, FineTuneProgress p) throws IOException {
        Random shuffle = new Random(s.seed());
        int[] order = new int[task.trainSize()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int e = 0; e < p.shuffled; e++) { // a resumed run draws the shuffles it had drawn again
            shuffle(order, shuffle);
        }
        String devMetric = task.devMetric();
        float keep = (float) (1 - s.dropout());
        while (p.epoch <= s.epochs()) {
            int epoch = p.epoch;
            if (p.shuffled < epoch) {
                shuffle(order, shuffle);
                p.shuffled = epoch;
            }
            while (p.batch < stepsPerEpoch) {
                sink.checkCancelled();
                int from = p.batch * s.batch();
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batch()));
                long step = p.step;
                double lr = schedule.at(step);
                float loss;
                float gradNorm;
                long t0 = System.nanoTime();
                Session.Runner r = session.runner();
                try (Fed batch = task.feed(r, m, idx);
                        TFloat32 lrT = TFloat32.scalarOf((float) lr);
                        TFloat32 keepT = TFloat32.scalarOf(keep);
                        TInt64 seedT = TInt64.vectorOf(s.seed(), step)) {
                    r.feed(m.encoder.keepProb, keepT).feed(m.encoder.dropoutSeed, seedT)
                            .feed(m.optimizer.learningRate, lrT).addTarget(m.optimizer.step).fetch(m.loss).fetch(m.optimizer.gradientNorm);
                    try (Result res = r.run()) {
                        loss = ((TFloat32) res.get(0)).getFloat();
                        gradNorm = ((TFloat32) res.get(1)).getFloat();
                    }
                }
                p.trainNanos += System.nanoTime() - t0;
                p.examples += idx.length;
                if (!Float.isFinite(loss)) {
                    throw new StagedmlException("the training loss became " + loss + " at step " + step + "; lower lr (now " + s.learningRate() + ")");
                }
                p.epochLoss += loss;
                p.lossCurve.add((double) loss);
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("step", step);
                h.put("epoch", epoch);
                h.put("loss", loss);
                h.put("learning_rate", lr);
                h.put("gradient_norm", gradNorm);
                history(p, h);
                scalar(p, events, "train/loss", step, loss);
                scalar(p, events, "train/learning_rate", step, lr);
                p.step++;
                p.batch++;
                sink.progress((double) p.step / schedule.totalSteps(), "epoch " + epoch + " step " + p.step + "/"
                        + schedule.totalSteps() + " loss " + String.format("%.4f", loss));
                if (checkpointSteps > 0 && p.step % checkpointSteps == 0 && p.batch < stepsPerEpoch) {
                    saveCheckpoint(session, m, p);
                }
            }
            Map<String, Double> evalMetrics = task.evaluate(session, m);
            double meanLoss = p.epochLoss / stepsPerEpoch;
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("epoch", epoch);
            h.put("step", p.step);
            h.put("split", "dev");
            h.put("train_loss", meanLoss);
            h.putAll(evalMetrics);
            history(p, h);
            for (Map.Entry<String, Double> e : evalMetrics.entrySet()) {
                scalar(p, events, "dev/" + e.getKey(), p.step, e.getValue());
            }
            scalar(p, events, "train/epoch_loss", p.step, meanLoss);
            events.flush();
            sink.log("epoch " + epoch + ": train loss " + String.format("%.4f", meanLoss) + ", dev " + evalMetrics);
            p.devCurve.add(evalMetrics.getOrDefault(devMetric, 0.0));
            p.epochEnds.add(p.step - 1);
            p.metrics = new LinkedHashMap<>(evalMetrics);
            p.metrics.put("loss", meanLoss);
            p.epoch++;
            p.batch = 0;
            p.epochLoss = 0;
            if (p.epoch <= s.epochs()) { // the state at the start of the next epoch
                saveCheckpoint(session, m, p);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(p.metrics);
        double seconds = p.trainNanos / 1e9;
        metrics.put("train_seconds", seconds);
        metrics.put("examples_per_second", seconds > 0 ? p.examples / seconds : 0);
        metrics.put("steps", (double) p.step);
        double rss = PeakMemory.megabytes();
        if (Double.isFinite(rss)) {
            metrics.put(PeakMemory.METRIC, rss);
        }
        TrainingCurves.write(out.resolve(CURVES), task.title(), p.lossCurve, p.devCurve, p.epochEnds, devMetric);
        return metrics;
    }

    /** Fisher-Yates with the seeded generator, on the order as the previous epoch left it. */
    private static void shuffle(int[] order, Random shuffle) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void history(FineTuneProgress p, Map<String, Object> record) throws IOException {
        p.history.add(record);
        sink.history(record);
    }

    private static void scalar(FineTuneProgress p, EventLog events, String tag, long step, double value) {
        p.scalars.add(new FineTuneProgress.Scalar(tag, step, value));
        events.scalar(tag, step, value);
    }

    /** Saves the variables and the progress into the checkpoint area (a new checkpoint replaces the last). */
    private void saveCheckpoint(Session session, FineTuneGraph m, FineTuneProgress p) throws IOException {
        checkpoint.save(dir -> {
            m.trainingState.saveTo(session, dir);
            p.write(dir);
        });
        sink.log("checkpoint saved at " + p.where());
    }

    /**
     * The progress of a run resumed from the last checkpoint, after restoring its variables and
     * replaying what it had written to history.jsonl and TensorBoard; a fresh progress when there is none.
     */
    private FineTuneProgress resume(Session session, FineTuneGraph m, EventLog events) throws IOException {
        java.util.Optional<Path> last = checkpoint.last();
        if (last.isEmpty()) {
            return new FineTuneProgress();
        }
        FineTuneProgress p = FineTuneProgress.read(last.get());
        m.trainingState.restoreFrom(session, last.get());
        for (Map<String, Object> h : p.history) {
            sink.history(h);
        }
        for (FineTuneProgress.Scalar x : p.scalars) {
            events.scalar(x.tag(), x.step(), x.value());
        }
        resumedFrom = p.where();
        sink.log("resumed from the checkpoint at " + resumedFrom);
        return p;
    }

    private static Session.Runner feed(Session.Runner r, FineTuneGraph m, GlueData.Batch b) {
        r.feed(m.encoder.inputIds, b.inputIds()).feed(m.encoder.inputMask, b.inputMask()).feed(m.encoder.segmentIds, b.segmentIds());
        return r.feed(m.labels, m.regression ? b.scores() : b.labelIds());
    }

    /** Predictions on a split (no dropout) and the task's metrics. */
    Map<String, Double> evaluate(Session session, FineTuneGraph m, GlueData data, String task, boolean regression) {
        int n = data.size();
        int[] predicted = new int[n];
        float[] scores = new float[n];
        int[] gold = new int[n];
        float[] goldScores = new float[n];
        for (int from = 0; from < n; from += s.evalBatch()) {
            if (sink != null) {
                sink.checkCancelled();
            }
            int to = Math.min(n, from + s.evalBatch());
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            try (GlueData.Batch batch = data.batch(idx)) {
                Session.Runner r = session.runner().feed(m.encoder.inputIds, batch.inputIds())
                        .feed(m.encoder.inputMask, batch.inputMask()).feed(m.encoder.segmentIds, batch.segmentIds())
                        .fetch(m.predictions);
                try (Result res = r.run()) {
                    TFloat32 p = (TFloat32) res.get(0);
                    for (int i = 0; i < idx.length; i++) {
                        if (regression) {
                            scores[from + i] = p.getFloat(i);
                        } else {
                            int best = 0;
                            for (int c = 1; c < m.numLabels; c++) {
                                if (p.getFloat(i, c) > p.getFloat(i, best)) {
                                    best = c;
                                }
                            }
                            predicted[from + i] = best;
                        }
                        gold[from + i] = batch.labelIdValues()[i];
                        goldScores[from + i] = batch.scoreValues()[i];
                    }
                }
            }
        }
        return regression ? GlueMetrics.regression(scores, goldScores) : GlueMetrics.classification(task, predicted, gold);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
