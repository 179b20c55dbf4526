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
import org.stagedml.api.predict.BatchPredictor;
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
    static final class TextPredictor extends BatchPredictor {
        private final TextCnnModel net;
        private final Vocabulary vocab;
        private final boolean pair;
        private final int maxLen;

        TextPredictor(TextCnnModel net, Vocabulary vocab, List<String> labels, boolean pair, int maxLen) {
            super(TextCnnGlueStage.NAME, pair ? InputKind.TEXT_PAIR : InputKind.TEXT, labels, TextCnnTrainer.EVAL_BATCH);
            this.net = net;
            this.vocab = vocab;
            this.pair = pair;
            this.maxLen = maxLen;
        }

        @Override
        protected float[][] probabilities(List<PredictionInput> inputs) {
            int[][] x = new int[inputs.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = vocab.encode(inputs.get(i).text(), pair ? inputs.get(i).text2() : null, maxLen);
            }
            try (TokenBatch b = TokenBatch.of(x, null, null, 0, x.length)) {
                return net.probabilities(b);
            }
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
