package org.stagedml.api.predict;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A trained model loaded once, predicting many inputs. Not thread-safe unless the implementation
 * says so; close it to free the model.
 */
@ConsumerType
public interface Predictor extends AutoCloseable {
    /** What one input is. */
    enum InputKind {
        TEXT, TEXT_PAIR, IMAGE
    }

    InputKind inputKind();

    /** The labels, in the order of {@link Prediction#probabilities()}. */
    List<String> labels();

    /** Predicts one input; IllegalArgumentException when it is not of {@link #inputKind()}. */
    Prediction predict(PredictionInput input);

    /** Predicts many inputs (implementations batch them). */
    default List<Prediction> predict(List<PredictionInput> inputs) {
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (PredictionInput in : inputs) {
            out.add(predict(in));
        }
        return out;
    }

    @Override
    void close();
}
