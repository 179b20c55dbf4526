package org.stagedml.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepPoint;
import org.stagedml.api.sweep.SweepRanking;
import org.stagedml.api.sweep.SweepResult;

/**
 * A sweep as its page shows it, rebuilt from the store: one row per configuration root, the config
 * fields that differ between them as the varied keys, the metric's mean, sd and n over the
 * configuration's realizations in the store, ranked as {@code stage:sweep} ranks (best first; those
 * without the metric, then those without any realization, last).
 *
 * @param sweep the roots it was found through
 * @param result the ranking (its {@code root} is the sweep's name)
 * @param rrefs configuration index -> its realizations in the store
 */
record SweepTable(SweepRoots.Sweep sweep, SweepResult result, Map<Integer, List<RRef>> rrefs) {
    /** What a configuration without any realization shows: its build failed (or it was removed). */
    static final String NO_REALIZATION = "no realization: its build failed or it was removed";

    static SweepTable of(SweepRoots.Sweep sweep, SweepRanking.Metric metric, Function<DRef, Config> configs,
            Function<DRef, List<RealizationInfo>> realizations) {
        Map<Integer, Config> byIndex = new LinkedHashMap<>();
        sweep.points().forEach((i, ref) -> byIndex.put(i, configs.apply(ref.dref())));
        List<String> keys = ConfigDiff.differing(byIndex.values());
        List<SweepOutcome> outcomes = new ArrayList<>();
        Map<Integer, List<RRef>> rrefs = new LinkedHashMap<>();
        sweep.points().forEach((i, ref) -> {
            Map<String, String> values = new LinkedHashMap<>();
            keys.forEach(k -> values.put(k, ConfigDiff.text(byIndex.get(i).get(k))));
            List<RealizationInfo> rs = realizations.apply(ref.dref()).stream()
                    .filter(r -> !(ref instanceof RRef one) || r.rref().equals(one)).toList();
            List<Double> metricValues = rs.stream().map(r -> r.metrics().get(metric.name())).toList();
            rrefs.put(i, rs.stream().map(RealizationInfo::rref).toList());
            outcomes.add(new SweepOutcome(new SweepPoint(i, values), ref.dref(), rrefs.get(i), MetricSummary.of(metricValues),
                    false, rs.isEmpty() ? NO_REALIZATION : ""));
        });
        List<SweepOutcome> ranked = SweepRanking.rank(outcomes, metric.maximize());
        return new SweepTable(sweep, new SweepResult(sweep.stage(), metric.name(), metric.maximize(), keys, ranked,
                sweep.name(), null), rrefs);
    }

    /** A row's status as the page shows it. */
    static String status(SweepOutcome o, String metric) {
        return o.failed() ? "failed" : o.summary().n() == 0 ? "no metric " + metric : "ok";
    }

    /** The chart of the metric's mean against one varied key (see {@link SweepResult#against}). */
    Charts.Chart chart(String key) {
        SweepResult.Against a = result.against(key);
        List<double[]> means = a.points().stream().map(p -> new double[] {p[0], p[1]}).toList();
        return new Charts.Chart(result.metric() + " against " + key, a.axis(),
                List.of(new Charts.Series(result.metric() + " (mean)", means)));
    }
}
