package org.stagedml.api.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stagedml.api.StagedmlException;

/**
 * Ranks outcomes by the mean of the metric, best first; ties keep the plan's order. Those without
 * the metric come after, then the failed ones.
 */
public final class SweepRanking {
    private SweepRanking() {
    }

    /** Metric name and direction. */
    public record Metric(String name, boolean maximize) {
    }

    public static List<SweepOutcome> rank(List<SweepOutcome> outcomes, boolean maximize) {
        Comparator<SweepOutcome> byGroup = Comparator.comparingInt(SweepRanking::group);
        Comparator<SweepOutcome> byMean = Comparator.comparingDouble(o -> maximize ? -o.summary().mean() : o.summary().mean());
        List<SweepOutcome> ranked = new ArrayList<>(outcomes);
        ranked.sort(byGroup.thenComparing((a, b) -> group(a) == 0 ? byMean.compare(a, b) : 0)
                .thenComparingInt(o -> o.point().index()));
        return ranked;
    }

    private static int group(SweepOutcome o) {
        return o.failed() ? 2 : o.summary().n() == 0 ? 1 : 0;
    }

    /**
     * The metric to rank by: {@code name[:max|min]} as given, else the one of the stage's default
     * matcher ({@code best:<metric>[:n[:max|min]]}).
     */
    public static Metric metric(String given, String stage, String defaultMatcher) {
        if (given != null && !given.isBlank()) {
            String[] p = given.trim().split(":");
            if (p.length == 1 || (p.length == 2 && (p[1].equals("max") || p[1].equals("min")))) {
                return new Metric(p[0], p.length == 1 || p[1].equals("max"));
            }
            throw new StagedmlException("--metric '" + given + "' is not name, name:max or name:min");
        }
        String[] p = defaultMatcher == null ? new String[0] : defaultMatcher.split(":");
        if (p.length >= 2 && p[0].equals("best")) {
            return new Metric(p[1], p.length < 4 || !p[3].equals("min"));
        }
        throw new StagedmlException("stage " + stage + " has no default metric (its matcher is '" + defaultMatcher
                + "'); name one with --metric <name>[:max|min]");
    }
}
