package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.SquadAnswers;
import org.stagedml.dataset.bert.SquadEvaluation;
import org.stagedml.dataset.bert.SquadExample;
import org.stagedml.dataset.bert.SquadFeature;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Fine-tunes BERT on SQuAD as run_squad.py: the encoder with the {@link SpanHead}, trained by
 * {@link FineTuner}'s loop (AdamW, warmup and decay, dropout, checkpoints); after every epoch the dev
 * windows are predicted, each question answered by {@link SquadAnswers} over all its windows, and
 * scored by {@link SquadEvaluation} (the official exact match and F1); {@code predictions.json} and
 * {@code nbest_predictions.json} hold the last epoch's answers.
 */
final class SquadFineTuner {
    static final String PREDICTIONS = "predictions.json";
    static final String NBEST = "nbest_predictions.json";

    private final FineTuneSettings s;
    private final FineTuner tuner;
    private final int nBestSize;
    private final int maxAnswerLength;

    SquadFineTuner(FineTuneSettings settings, FineTuner tuner, int nBestSize, int maxAnswerLength) {
        this.s = settings;
        this.tuner = tuner;
        this.nBestSize = nBestSize;
        this.maxAnswerLength = maxAnswerLength;
    }

    /** The dev questions and windows, with what answering them needs. */
    record Dev(List<SquadExample> examples, List<SquadFeature> windows, SquadData data) {
        static Dev read(Path features, int seqLength) throws IOException {
            List<SquadExample> examples = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(features.resolve("dev.jsonl"), StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    examples.add(SquadExample.fromJson(Json.mapper().readTree(line)));
                }
            }
            List<SquadFeature> windows = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(features.resolve("dev_features.jsonl"), StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    windows.add(SquadFeature.fromMetadata(Json.mapper().readTree(line)));
                }
            }
            SquadData data = SquadData.read(features.resolve("dev.tfrecord"), seqLength);
            if (data.size() != windows.size()) {
                throw new StagedmlException("squad-features " + features + " has " + data.size() + " dev windows but "
                        + windows.size() + " lines of dev_features.jsonl; rebuild it");
            }
            return new Dev(examples, windows, data);
        }
    }

    Map<String, Double> run(Path bert, Path features, Path out) throws IOException {
        BertHyper hyper = BertHyper.read(bert.resolve(BertLayout.CONFIG));
        JsonNode info = Json.mapper().readTree(features.resolve("features.json").toFile());
        int seqLength = info.path("max_seq_length").asInt();
        boolean lower = info.path("do_lower_case").asBoolean(true);
        SquadData train = SquadData.read(features.resolve("train.tfrecord"), seqLength);
        Dev dev = Dev.read(features, seqLength);
        if (train.size() == 0) {
            throw new StagedmlException("squad-features " + features + " has no train windows; nothing to fine-tune on");
        }
        SquadAnswers answers = new SquadAnswers(nBestSize, maxAnswerLength, lower);
        FineTuner.TrainingTask task = new FineTuner.TrainingTask() {
            @Override
            public int trainSize() {
                return train.size();
            }

            @Override
            public FineTuner.Fed feed(Session.Runner r, FineTuneGraph m, int[] idx) {
                GlueData.Batch batch = train.inputs.batch(idx);
                TInt32 positions = train.positions(idx);
                feedInputs(r, m, batch).feed(m.labels, positions);
                return () -> {
                    batch.close();
                    positions.close();
                };
            }

            @Override
            public Map<String, Double> evaluate(Session session, FineTuneGraph m) throws IOException {
                return SquadFineTuner.this.evaluate(session, m, dev, answers, out);
            }

            @Override
            public String devMetric() {
                return "f1";
            }

            @Override
            public String title() {
                return "bert-finetune-squad";
            }
        };
        Map<String, Double> metrics = tuner.fineTune(bert, out, task, g -> graph(g, hyper, seqLength, s.weightDecay(),
                FineTuneGraph::encoderParameter));
        ObjectNode model = Json.mapper().createObjectNode();
        JsonNode source = Files.isRegularFile(bert.resolve(BertLayout.MODEL_JSON))
                ? Json.mapper().readTree(bert.resolve(BertLayout.MODEL_JSON).toFile()) : Json.mapper().createObjectNode();
        model.put("model", "bert-finetune-squad");
        model.put("base_model", source.path("model").asText("unknown"));
        model.put("do_lower_case", lower);
        model.put("task", "squad");
        for (String f : List.of("max_seq_length", "doc_stride", "max_query_length")) {
            model.set(f, info.path(f));
        }
        model.put("n_best_size", nBestSize);
        model.put("max_answer_length", maxAnswerLength);
        model.put("head", "cls/squad/output_weights [2, hidden], cls/squad/output_bias [2] on every token: start and end logits");
        Files.writeString(out.resolve(BertLayout.MODEL_JSON), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(model));
        return metrics;
    }

    /** The encoder with run_squad's span head. */
    static FineTuneGraph graph(org.tensorflow.Graph g, BertHyper hyper, int seqLength, double weightDecay,
            java.util.function.Predicate<String> restore) {
        return new FineTuneGraph(g, hyper, seqLength, SpanHead::build, 2, false, weightDecay, restore);
    }

    static Session.Runner feedInputs(Session.Runner r, FineTuneGraph m, GlueData.Batch b) {
        return r.feed(m.encoder.inputIds, b.inputIds()).feed(m.encoder.inputMask, b.inputMask()).feed(m.encoder.segmentIds, b.segmentIds());
    }

    /** The start and end logits of every window ({@code [2][seq]} each), without dropout. */
    static List<float[][]> logits(Session session, FineTuneGraph m, GlueData windows, int evalBatch, Runnable checkCancelled) {
        List<float[][]> out = new ArrayList<>(windows.size());
        int seq = windows.seqLength;
        for (int from = 0; from < windows.size(); from += evalBatch) {
            checkCancelled.run();
            int[] idx = new int[Math.min(windows.size(), from + evalBatch) - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            try (GlueData.Batch batch = windows.batch(idx); Result res = feedInputs(session.runner(), m, batch).fetch(m.predictions).run()) {
                TFloat32 p = (TFloat32) res.get(0);
                for (int i = 0; i < idx.length; i++) {
                    float[][] l = new float[2][seq];
                    for (int t = 0; t < seq; t++) {
                        l[0][t] = p.getFloat(i, 0, t);
                        l[1][t] = p.getFloat(i, 1, t);
                    }
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** Answers every dev question, writes the prediction files and returns exact_match and f1. */
    Map<String, Double> evaluate(Session session, FineTuneGraph m, Dev dev, SquadAnswers answers, Path out) throws IOException {
        List<float[][]> logits = logits(session, m, dev.data().inputs, s.evalBatch(), tuner::checkCancelled);
        List<List<SquadAnswers.WindowLogits>> byQuestion = new ArrayList<>();
        dev.examples().forEach(e -> byQuestion.add(new ArrayList<>()));
        for (int w = 0; w < dev.windows().size(); w++) {
            SquadFeature f = dev.windows().get(w);
            byQuestion.get(f.exampleIndex()).add(new SquadAnswers.WindowLogits(f, logits.get(w)[0], logits.get(w)[1]));
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        Map<String, List<String>> truths = new LinkedHashMap<>();
        ObjectNode predictionsJson = Json.mapper().createObjectNode();
        ObjectNode nbestJson = Json.mapper().createObjectNode();
        for (int q = 0; q < dev.examples().size(); q++) {
            SquadExample e = dev.examples().get(q);
            List<SquadAnswers.Candidate> nbest = answers.nBest(e, byQuestion.get(q));
            predictions.put(e.id(), nbest.get(0).text());
            truths.put(e.id(), e.answers());
            predictionsJson.put(e.id(), nbest.get(0).text());
            ArrayNode list = nbestJson.putArray(e.id());
            for (SquadAnswers.Candidate c : nbest) {
                list.addObject().put("text", c.text()).put("probability", c.probability()).put("start_logit", c.startLogit())
                        .put("end_logit", c.endLogit());
            }
        }
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(PREDICTIONS).toFile(), predictionsJson);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(NBEST).toFile(), nbestJson);
        SquadEvaluation.Scores scores = SquadEvaluation.evaluate(truths, predictions);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("exact_match", scores.exactMatch());
        metrics.put("f1", scores.f1());
        return metrics;
    }
}
