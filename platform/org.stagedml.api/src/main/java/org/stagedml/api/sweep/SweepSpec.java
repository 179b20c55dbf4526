package org.stagedml.api.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep tries: the cartesian product of the listed values of each key ({@code grid}), times
 * {@code randomDraws} seeded random draws of the {@code ranges} (none when 0). Each configuration
 * is realized once, with {@code instances} realizations.
 *
 * @param stage the stage
 * @param grid key -> values (strings, parsed per the field's type), in the order given; the last key varies fastest
 * @param randomDraws how many random draws of the ranges (0: none)
 * @param ranges the ranges drawn from
 * @param seed the seed of the random draws (the same seed draws the same points)
 * @param instances realizations per configuration, over which mean and spread are taken
 * @param metric the metric to rank by, {@code name}, {@code name:max} or {@code name:min}; null or
 *        blank: the metric of the stage's default matcher ({@code best:<metric>})
 */
public record SweepSpec(String stage, Map<String, List<String>> grid, int randomDraws, List<SweepRange> ranges,
        long seed, int instances, String metric) {
    public SweepSpec {
        if (stage == null || stage.isBlank()) {
            throw new IllegalArgumentException("a sweep needs a stage name");
        }
        Map<String, List<String>> g = new LinkedHashMap<>();
        (grid == null ? Map.<String, List<String>>of() : grid).forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("sweep key '" + k + "' has no values; write " + k + "=v1,v2");
            }
            g.put(k, List.copyOf(v));
        });
        grid = java.util.Collections.unmodifiableMap(g);
        ranges = List.copyOf(ranges == null ? List.of() : ranges);
        if (randomDraws < 0) {
            throw new IllegalArgumentException("--random must be at least 0, got " + randomDraws);
        }
        if (randomDraws > 0 && ranges.isEmpty()) {
            throw new IllegalArgumentException("--random " + randomDraws + " needs ranges to draw from: key=lo..hi");
        }
        if (randomDraws == 0 && !ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges (key=lo..hi) need --random N: how many points to draw");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, got " + instances);
        }
        for (SweepRange r : ranges) {
            if (g.containsKey(r.key())) {
                throw new IllegalArgumentException("sweep key '" + r.key() + "' is given both as values and as a range");
            }
        }
        if (g.isEmpty() && ranges.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs keys to vary: key=v1,v2 or --random N key=lo..hi");
        }
    }

    /** A grid sweep: the product of the values, one instance each, ranked by the default metric. */
    public static SweepSpec grid(String stage, Map<String, List<String>> grid) {
        return new SweepSpec(stage, grid, 0, List.of(), 0, 1, null);
    }

    /** The varied keys: the grid's, then the ranges'. */
    public List<String> keys() {
        List<String> keys = new java.util.ArrayList<>(grid.keySet());
        ranges.forEach(r -> keys.add(r.key()));
        return List.copyOf(keys);
    }

    public SweepSpec withInstances(int n) {
        return new SweepSpec(stage, grid, randomDraws, ranges, seed, n, metric);
    }

    public SweepSpec withMetric(String m) {
        return new SweepSpec(stage, grid, randomDraws, ranges, seed, instances, m);
    }

    public SweepSpec withRandom(int draws, long drawSeed, List<SweepRange> drawRanges) {
        return new SweepSpec(stage, grid, draws, drawRanges, drawSeed, instances, metric);
    }
}
