package org.stagedml.api.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's answer: every configuration, ranked by the metric's mean (best first; configurations
 * without the metric, then failed ones, last).
 *
 * @param stage the stage swept
 * @param metric the metric ranked by
 * @param maximize whether higher is better
 * @param keys the varied keys
 * @param ranked the outcomes, best first
 * @param root the GC root keeping the best configuration ({@code sweep-<stage>-<n>}; the others are kept
 *        by {@code sweep-<stage>-<n>.<index>}); null when nothing succeeded
 * @param plot the PNG of the metric against each key and of the best curves (null when not drawn)
 */
public record SweepResult(String stage, String metric, boolean maximize, List<String> keys, List<SweepOutcome> ranked,
        String root, Path plot) {
    public SweepResult {
        keys = List.copyOf(keys);
        ranked = List.copyOf(ranked);
    }

    /** The best configuration: the first ranked that did not fail and has the metric. */
    public Optional<SweepOutcome> best() {
        return ranked.stream().filter(o -> !o.failed() && o.summary().n() > 0).findFirst();
    }

    /** How many configurations failed. */
    public long failures() {
        return ranked.stream().filter(SweepOutcome::failed).count();
    }
}
