package org.stagedml.model.bert.internal;

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
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputEncoder;
import org.stagedml.dataset.bert.InputFeatures;

/**
 * Predictions of {@code bert-finetune-glue} realizations: a text (or a pair) is tokenized with the
 * realization's vocab.txt and do_lower_case and encoded as glue-features encodes it, then classified
 * by the fine-tuned checkpoint; the labels and max_seq_length come from its model.json, whether inputs
 * are pairs from the features.json of the glue-features realization it was trained on. Regression
 * tasks (STS-B) give a score, not a label, and are refused.
 */
@Component(service = PredictorProvider.class)
public class BertPredictors implements PredictorProvider {
    @Activate
    public BertPredictors(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        // the reference orders activation after the TensorFlow engine
    }

    BertPredictors() {
    }

    @Override
    public Set<String> stages() {
        return Set.of(BertFinetuneGlueStage.NAME);
    }

    @Override
    public Predictor open(TrainedModel model) throws IOException {
        JsonNode info = Json.mapper().readTree(model.path().resolve(BertLayout.MODEL_JSON).toFile());
        if (info.path("type").asText().equals("regression")) {
            throw new StagedmlException(model.rref() + " was fine-tuned on the regression task " + info.path("task").asText()
                    + ": it predicts a score, not a label; predictions are for classification tasks");
        }
        Path features = model.dependencies().get(BertFinetuneGlueStage.FEATURES);
        if (features == null || !Files.isRegularFile(features.resolve("features.json"))) {
            throw new StagedmlException("the glue-features realization " + model.rref() + " was trained on is not in the store;"
                    + " whether it classifies pairs comes from its features.json");
        }
        boolean pair = Json.mapper().readTree(features.resolve("features.json").toFile()).path("pair").asBoolean();
        List<String> labels = new ArrayList<>();
        info.path("labels").forEach(l -> labels.add(l.asText()));
        int seqLength = info.path("max_seq_length").asInt();
        InputEncoder encoder = new InputEncoder(new FullTokenizer(model.path().resolve(BertLayout.VOCAB),
                info.path("do_lower_case").asBoolean(true)), seqLength);
        FineTunedModel net = new FineTunedModel(model.path(), seqLength, labels.size());
        return new TextPredictor(net, encoder, labels, pair, model.config().getInt("eval_batch"));
    }

    /** A loaded fine-tuned BERT classifying texts or pairs, a batch at a time. */
    static final class TextPredictor extends BatchPredictor {
        private final FineTunedModel net;
        private final InputEncoder encoder;

        TextPredictor(FineTunedModel net, InputEncoder encoder, List<String> labels, boolean pair, int batch) {
            super(BertFinetuneGlueStage.NAME, pair ? InputKind.TEXT_PAIR : InputKind.TEXT, labels, batch);
            this.net = net;
            this.encoder = encoder;
        }

        @Override
        protected float[][] probabilities(List<PredictionInput> inputs) {
            List<InputFeatures> encoded = new ArrayList<>(inputs.size());
            for (PredictionInput in : inputs) {
                encoded.add(encoder.encode(in.text(), in.text2(), 0, true));
            }
            return net.probabilities(encoded);
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
