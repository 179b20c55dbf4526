package org.stagedml.engine.tensorflow.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.Json;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * What a model trained with {@link GraphParameters#adam} and {@link AdamSteps} needs to go on exactly
 * where it stopped: the parameters and Adam's moments ({@link VariableCheckpoint} over
 * {@link GraphParameters.Adam#state}) and the step count with Adam's beta powers ({@value #STATE_JSON};
 * per-step randomness such as dropout masks follows the step). Build it once per graph, after the
 * Adam ops; save into and restore from a folder of the build's checkpoint area.
 */
public final class AdamCheckpoint {
    public static final String STATE_JSON = "optimizer.json";

    private final VariableCheckpoint variables;

    private AdamCheckpoint(VariableCheckpoint variables) {
        this.variables = variables;
    }

    /** The save and restore ops of the parameters and moments, under the name scope {@code training_state}. */
    public static AdamCheckpoint of(Ops tf, GraphParameters.Adam adam) {
        return new AdamCheckpoint(VariableCheckpoint.of(tf, "training_state", adam.state()));
    }

    /** Writes the variables and the steps' state into the folder. */
    public void saveTo(Session session, AdamSteps steps, Path folder) throws IOException {
        variables.saveTo(session, folder);
        AdamSteps.State s = steps.state();
        Json.mapper().writeValue(folder.resolve(STATE_JSON).toFile(), Json.mapper().createObjectNode()
                .put("steps", s.steps()).put("beta1_power", s.beta1Power()).put("beta2_power", s.beta2Power()));
    }

    /** Sets the variables and the steps to those {@link #saveTo} wrote (for a graph of the same shape). */
    public void restoreFrom(Session session, AdamSteps steps, Path folder) throws IOException {
        variables.restoreFrom(session, folder);
        JsonNode j = Json.mapper().readTree(folder.resolve(STATE_JSON).toFile());
        steps.resume(new AdamSteps.State(j.get("steps").asLong(), j.get("beta1_power").floatValue(),
                j.get("beta2_power").floatValue()));
    }
}
