package org.stagedml.api.predict;

import java.io.IOException;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.RRef;

/** The service that opens a predictor on any realization whose stage has a {@link PredictorProvider}. */
@ProviderType
public interface Predictors {
    /**
     * Loads the model of a realization.
     *
     * @throws org.stagedml.api.StagedmlException naming the stage when no provider predicts for it, or
     *         when the realization is not in the store
     */
    Predictor open(RRef rref) throws IOException;

    /** The stages predictions are available for. */
    Set<String> stages();
}
