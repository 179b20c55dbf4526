package org.stagedml.api;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summary statistics of one metric over several realizations (store:compare, sweeps): how many
 * values, their mean, sample standard deviation, minimum and maximum. Missing and non-finite
 * values (null, NaN, infinities) are left out of the statistics and counted in {@code skipped}.
 *
 * @param n the number of finite values summarised
 * @param mean their mean (NaN when n is 0)
 * @param sd the sample standard deviation, dividing by n - 1 (NaN when n is below 2: one value says
 *        nothing about the spread)
 * @param min the smallest value (NaN when n is 0)
 * @param max the largest value (NaN when n is 0)
 * @param skipped the values left out: null, NaN or infinite
 */
public record MetricSummary(int n, double mean, double sd, double min, double max, int skipped) {
    /** Summarises the values; see the class comment for what is left out. */
    public static MetricSummary of(Collection<? extends Number> values) {
        int n = 0;
        int skipped = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Number v : values) {
            double d = v == null ? Double.NaN : v.doubleValue();
            if (!Double.isFinite(d)) {
                skipped++;
                continue;
            }
            n++;
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (n == 0) {
            return new MetricSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, skipped);
        }
        double mean = sum / n;
        double squares = 0;
        for (Number v : values) {
            double d = v == null ? Double.NaN : v.doubleValue();
            if (Double.isFinite(d)) {
                squares += (d - mean) * (d - mean);
            }
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        return new MetricSummary(n, mean, sd, min, max, skipped);
    }

    /**
     * One summary per metric name over several realizations' metrics (each a flat name -> value
     * map, as in metrics.json), sorted by name; a realization without a metric does not count for it.
     */
    public static Map<String, MetricSummary> byMetric(Collection<? extends Map<String, ? extends Number>> metrics) {
        Map<String, java.util.List<Number>> values = new TreeMap<>();
        for (Map<String, ? extends Number> m : metrics) {
            m.forEach((name, v) -> values.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(v));
        }
        Map<String, MetricSummary> out = new TreeMap<>();
        values.forEach((name, vs) -> out.put(name, of(vs)));
        return out;
    }
}
