package org.stagedml.api.sweep;

import java.util.List;
import org.stagedml.api.DRef;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.RRef;

/**
 * What one configuration of a sweep gave.
 *
 * @param point the configuration
 * @param dref its target derivation (null when it could not be instantiated)
 * @param rrefs the realizations its metric was taken over (empty when it failed)
 * @param summary the metric over them (n = 0 when it failed or no realization has the metric)
 * @param built whether anything was built for it (false: all from the store)
 * @param error why it failed, "" when it did not
 */
public record SweepOutcome(SweepPoint point, DRef dref, List<RRef> rrefs, MetricSummary summary, boolean built,
        String error) {
    public SweepOutcome {
        rrefs = List.copyOf(rrefs);
        error = error == null ? "" : error;
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    /** The realization to use: the first selected one (null when it failed). */
    public RRef rref() {
        return rrefs.isEmpty() ? null : rrefs.get(0);
    }
}
