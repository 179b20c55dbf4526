package org.stagedml.api.sweep;

import org.osgi.annotation.versioning.ProviderType;

/** Runs sweeps (one DS service): plans, realizes every configuration in parallel, ranks, roots, plots. */
@ProviderType
public interface Sweeper {
    /**
     * Realizes every configuration of the spec (submitted together; the realizer's slots bound the
     * parallelism; what the store has is reused), ranks them, points the sweep's GC roots at them
     * and draws the plot. A configuration that fails is an outcome with an error, not an exception.
     * Interrupting the calling thread, or the realizer cancelling the builds (when it stops), cancels
     * the sweep: every build stops, the store keeps nothing half-done, the roots the sweep set are
     * removed (what had ended is left to gc), and a CancelledException is thrown.
     *
     * @param listener hears of each configuration as it ends (may be null)
     * @throws org.stagedml.api.StagedmlException for a bad spec: unknown stage, unknown key, no metric
     */
    SweepResult sweep(SweepSpec spec, SweepListener listener) throws InterruptedException;
}
