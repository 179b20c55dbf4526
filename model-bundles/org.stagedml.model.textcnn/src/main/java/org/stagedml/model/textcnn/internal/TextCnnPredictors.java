package org.stagedml.model.textcnn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.TrainedModel;

/**
 * Predictions of {@code textcnn-glue} realizations: texts are tokenized and encoded with the
 * realization's vocab.txt like the training texts, and classified by its model.zip; the labels and
 * whether inputs are pairs come from the task.json of the dataset it was trained on.
 */
@Component(service = PredictorProvider.class)
public class TextCnnPredictors implements PredictorProvider {
    @Activate
    public TextCnnPredictors(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        // the reference orders activation after the TensorFlow engine
    }

    TextCnnPredictors() {
    }

    @Override
    public Set<String> stages() {
        return Set.of(TextCnnGlueStage.NAME);
    }

    @Override
    public Predictor open(TrainedModel model) throws IOException {
        Path data = model.dependencies().get(TextCnnGlueStage.DATA);
        if (data == null || !Files.isRegularFile(data.resolve(GlueTask.TASK_JSON))) {
            throw new StagedmlException("the dataset realization " + model.rref() + " was trained on is not in the store;"
                    + " its labels come from its task.json");
        }
        JsonNode task = Json.mapper().readTree(data.resolve(GlueTask.TASK_JSON).toFile());
        List<String> labels = new ArrayList<>();
        task.path("labels").forEach(l -> labels.add(l.asText()));
        Vocabulary vocab = Vocabulary.read(model.path().resolve("vocab.txt"));
        TextCnnModel net = TextCnnModel.load(model.path().resolve("model.zip"), Runtime.getRuntime().availableProcessors());
        return new TextPredictor(net, vocab, labels, task.path("pair").asBoolean(), model.config().getInt("max_len"));
    }

    /** A loaded text CNN classifying texts or pairs. */
    static final class TextPredictor implements Predictor {
        private final TextCnnModel net;
        private final Vocabulary vocab;
        private final List<String> labels;
        private final boolean pair;
        private final int maxLen;

        TextPredictor(TextCnnModel net, Vocabulary vocab, List<String> labels, boolean pair, int maxLen) {
            this.net = net;
            this.vocab = vocab;
            this.labels = List.copyOf(labels);
            this.pair = pair;
            this.maxLen = maxLen;
        }

        @Override
        public InputKind inputKind() {
            return pair ? InputKind.TEXT_PAIR : InputKind.TEXT;
        }

        @Override
        public List<String> labels() {
            return labels;
        }

        @Override
        public Prediction predict(PredictionInput input) {
            return predict(List.of(input)).get(0);
        }

        @Override
        public List<Prediction> predict(List<PredictionInput> inputs) {
            int[][] x = new int[inputs.size()][];
            for (int i = 0; i < x.length; i++) {
                PredictionInput in = inputs.get(i);
                if (in.text() == null) {
                    throw new IllegalArgumentException("textcnn-glue classifies texts, not images");
                }
                if (pair && in.text2() == null) {
                    throw new IllegalArgumentException("this model classifies pairs of texts: give two texts per input");
                }
                x[i] = vocab.encode(in.text(), pair ? in.text2() : null, maxLen);
            }
            List<Prediction> out = new ArrayList<>(x.length);
            for (int from = 0; from < x.length; from += TextCnnTrainer.EVAL_BATCH) {
                try (TokenBatch b = TokenBatch.of(x, null, null, from, Math.min(x.length, from + TextCnnTrainer.EVAL_BATCH))) {
                    for (float[] p : net.probabilities(b)) {
                        out.add(Prediction.of(labels, p));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
