package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Json;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.TrainedModel;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.SquadAnswers;
import org.stagedml.dataset.bert.SquadConverter;
import org.stagedml.dataset.bert.SquadExample;
import org.stagedml.dataset.bert.SquadFeature;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * Answers of {@code bert-finetune-squad} realizations: an input is a pair (context, question); the
 * context is cut into windows as in training (the realization's model.json keeps max_seq_length,
 * doc_stride, max_query_length, n_best_size and max_answer_length) and the answer is the best span
 * over the windows, in the context's own spelling. The {@link Prediction}'s label is the answer, its
 * labels the n best answers and their probabilities (a softmax over start + end logits).
 */
@Component(service = PredictorProvider.class)
public class SquadPredictors implements PredictorProvider {
    @Activate
    public SquadPredictors(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        // the reference orders activation after the TensorFlow engine
    }

    SquadPredictors() {
    }

    @Override
    public Set<String> stages() {
        return Set.of(BertFinetuneSquadStage.NAME);
    }

    @Override
    public Predictor open(TrainedModel model) throws IOException {
        return open(model.path());
    }

    /** Loads the fine-tuned checkpoint of a realization folder. */
    static SquadPredictor open(Path folder) throws IOException {
        JsonNode info = Json.mapper().readTree(folder.resolve(BertLayout.MODEL_JSON).toFile());
        boolean lower = info.path("do_lower_case").asBoolean(true);
        int seq = info.path("max_seq_length").asInt();
        FullTokenizer tokenizer = new FullTokenizer(folder.resolve(BertLayout.VOCAB), lower);
        SquadConverter converter = new SquadConverter(tokenizer, seq, info.path("doc_stride").asInt(), info.path("max_query_length").asInt());
        SquadAnswers answers = new SquadAnswers(info.path("n_best_size").asInt(20), info.path("max_answer_length").asInt(30), lower);
        BertHyper hyper = BertHyper.read(folder.resolve(BertLayout.CONFIG));
        Graph graph = new Graph();
        try {
            FineTuneGraph m = SquadFineTuner.graph(graph, hyper, seq, 0, n -> true);
            Session session = new Session(graph, FineTuner.sessionConfig(false));
            FineTuner.restore(session, m, folder.resolve(BertLayout.CHECKPOINT_PREFIX));
            return new SquadPredictor(graph, session, m, converter, answers);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** A loaded fine-tuned BERT answering questions about contexts. */
    static final class SquadPredictor implements Predictor {
        private static final int BATCH = 16;
        private final Graph graph;
        private final Session session;
        private final FineTuneGraph m;
        private final SquadConverter converter;
        private final SquadAnswers answers;

        SquadPredictor(Graph graph, Session session, FineTuneGraph m, SquadConverter converter, SquadAnswers answers) {
            this.graph = graph;
            this.session = session;
            this.m = m;
            this.converter = converter;
            this.answers = answers;
        }

        @Override
        public InputKind inputKind() {
            return InputKind.TEXT_PAIR;
        }

        /** Answers are spans of the context, not labels from a fixed set. */
        @Override
        public List<String> labels() {
            return List.of();
        }

        @Override
        public Prediction predict(PredictionInput input) {
            if (input.text() == null || input.text2() == null) {
                throw new IllegalArgumentException("bert-finetune-squad answers a question about a context: give two texts, "
                        + "the context first, then the question");
            }
            SquadExample e = SquadExample.of("q", input.text2(), input.text());
            List<SquadFeature> windows = converter.convert(e, 0, SquadConverter.FIRST_UNIQUE_ID, false);
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("the context is empty: there is nothing to answer from");
            }
            List<InputFeatures> in = new ArrayList<>();
            windows.forEach(w -> in.add(SquadData.inputs(w.inputIds(), w.inputMask(), w.segmentIds())));
            List<float[][]> logits = SquadFineTuner.logits(session, m, new GlueData(in, in.get(0).inputIds().length), BATCH, () -> { });
            List<SquadAnswers.WindowLogits> results = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                results.add(new SquadAnswers.WindowLogits(windows.get(i), logits.get(i)[0], logits.get(i)[1]));
            }
            List<SquadAnswers.Candidate> nbest = answers.nBest(e, results);
            double[] p = nbest.stream().mapToDouble(SquadAnswers.Candidate::probability).toArray();
            return new Prediction(nbest.get(0).text(), nbest.stream().map(SquadAnswers.Candidate::text).toList(), p);
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }
}
