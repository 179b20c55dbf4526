package org.stagedml.api.predict;

import java.nio.file.Path;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.RRef;

/**
 * A realization a predictor is opened on.
 *
 * @param rref the realization
 * @param config its derivation's config (dependency fields hold {@code dref:} strings)
 * @param path its read-only folder
 * @param dependencies for each dependency field, the folder of the realization the build used
 */
public record TrainedModel(RRef rref, Config config, Path path, Map<String, Path> dependencies) {
    public TrainedModel {
        dependencies = Map.copyOf(dependencies);
    }

    public String stage() {
        return rref.name();
    }
}
