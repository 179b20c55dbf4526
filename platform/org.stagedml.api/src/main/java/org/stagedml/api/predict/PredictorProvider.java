package org.stagedml.api.predict;

import java.io.IOException;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service by a model bundle: opens predictors on realizations of its stages.
 */
@ConsumerType
public interface PredictorProvider {
    /** The stage names whose realizations this provider predicts with. */
    Set<String> stages();

    /** Loads the model of a realization of one of {@link #stages()}. */
    Predictor open(TrainedModel model) throws IOException;
}
