package org.stagedml.model.transformer.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.TrainedModel;

/**
 * Predictions of {@code transformer} realizations: a sentence in, its translation out, decoded as
 * the stage decoded dev (beam_size, alpha, max_length of the realization's config) with its model.zip
 * and vocab.subwords. The {@link Prediction}'s label is the translation (its only label, probability 1).
 */
@Component(service = PredictorProvider.class)
public class TransformerPredictors implements PredictorProvider {
    @Activate
    public TransformerPredictors(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        // the reference orders activation after the TensorFlow engine
    }

    TransformerPredictors() {
    }

    @Override
    public Set<String> stages() {
        return Set.of(TransformerStage.NAME);
    }

    @Override
    public Predictor open(TrainedModel model) throws IOException {
        SubwordCodec codec = SubwordCodec.load(model.path());
        TransformerModel net = TransformerModel.load(model.path().resolve("model.zip"), Runtime.getRuntime().availableProcessors());
        return new TranslationPredictor(net, codec, new Translator(net, model.config().getInt("beam_size"),
                model.config().getDouble("alpha"), model.config().getInt("max_length")));
    }

    /** A loaded Transformer translating one sentence at a time. */
    static final class TranslationPredictor implements Predictor {
        private final TransformerModel net;
        private final SubwordCodec codec;
        private final Translator translator;

        TranslationPredictor(TransformerModel net, SubwordCodec codec, Translator translator) {
            this.net = net;
            this.codec = codec;
            this.translator = translator;
        }

        @Override
        public InputKind inputKind() {
            return InputKind.TEXT;
        }

        /** None: a translation is free text. */
        @Override
        public List<String> labels() {
            return List.of();
        }

        @Override
        public Prediction predict(PredictionInput input) {
            if (input.text() == null || input.text2() != null) {
                throw new IllegalArgumentException("transformer translates one sentence: give a text (not a pair or an image)");
            }
            String translation = codec.decode(translator.translate(codec.encode(input.text())));
            return new Prediction(translation, List.of(translation), new double[] {1.0});
        }

        /** The sentences' translations, in order. */
        public List<String> translate(List<String> sentences) {
            List<String> out = new ArrayList<>(sentences.size());
            sentences.forEach(t -> out.add(predict(PredictionInput.text(t)).label()));
            return out;
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
