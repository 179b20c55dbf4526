package org.stagedml.api.sweep;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears of each configuration as it ends. Called on the sweeping thread; return quickly. */
@ConsumerType
@FunctionalInterface
public interface SweepListener {
    /**
     * @param outcome the configuration that ended (failed or not)
     * @param done how many have ended so far
     * @param total how many the sweep has
     */
    void ended(SweepOutcome outcome, int done, int total);
}
