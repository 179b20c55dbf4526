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

    /**
     * The metric against one varied key, as a chart draws it.
     *
     * @param axis the x axis's title: the key, followed by its values in order when they are not all numbers
     * @param points {x, mean, sd} of each configuration that has the metric, sorted by x; x is the key's
     *        value, or the position (from 1) of the value among the sorted distinct values when they are not all numbers
     */
    public record Against(String axis, List<double[]> points) {
        public Against {
            points = List.copyOf(points);
        }
    }

    /** The metric's mean and sd against a varied key (see {@link Against}). @since 0.2 */
    public Against against(String key) {
        List<SweepOutcome> ok = ranked.stream().filter(o -> !o.failed() && o.summary().n() > 0).toList();
        List<String> distinct = ok.stream().map(o -> o.point().values().get(key)).distinct().sorted().toList();
        boolean numeric = distinct.stream().allMatch(SweepResult::isNumber);
        List<double[]> pts = new java.util.ArrayList<>();
        for (SweepOutcome o : ok) {
            String v = o.point().values().get(key);
            pts.add(new double[] {numeric ? Double.parseDouble(v) : distinct.indexOf(v) + 1, o.summary().mean(), o.summary().sd()});
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Against(numeric ? key : key + " (" + String.join(", ", distinct) + ")", pts);
    }

    private static boolean isNumber(String s) {
        try {
            return s != null && Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** How many configurations failed. */
    public long failures() {
        return ranked.stream().filter(SweepOutcome::failed).count();
    }
}
