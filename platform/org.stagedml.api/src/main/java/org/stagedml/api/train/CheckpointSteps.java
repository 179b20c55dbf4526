package org.stagedml.api.train;

import java.util.Map;
import org.stagedml.api.ConfigException;

/**
 * The component property that sets how often a model's build checkpoints between epochs
 * ({@value #PROPERTY}: every so many minibatch steps; {@code 0}: after every epoch only), read from
 * the model component's configuration (its PID's {@code config/<pid>.cfg}), never from a stage's
 * config: where a build checkpoints never changes its results, so it is no part of the derivation.
 */
public final class CheckpointSteps {
    public static final String PROPERTY = "checkpointSteps";
    /** The interval when the configuration says none. */
    public static final int DEFAULT = 500;

    private CheckpointSteps() {
    }

    /** The interval in a component's properties ({@link #DEFAULT} when absent); a bad value names the PID. */
    public static int of(String pid, Map<String, ?> properties) {
        Object v = properties.get(PROPERTY);
        if (v == null) {
            return DEFAULT;
        }
        try {
            int steps = Integer.parseInt(v.toString().trim());
            if (steps >= 0) {
                return steps;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(pid + ": " + PROPERTY + " must be a whole number of steps (0: after every epoch only), got '"
                + v + "'; set it in config/" + pid + ".cfg");
    }
}
