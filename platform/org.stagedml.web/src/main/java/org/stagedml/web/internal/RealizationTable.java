package org.stagedml.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;

/**
 * A stage's realizations as the stage page shows them: newest first, the config fields whose values
 * differ between their derivations, every metric any of them reports, and which ones the stage's
 * matcher picks (among the realizations of each derivation, as the realizer would).
 *
 * @param rows one per realization, newest first
 * @param fields the differing config fields
 * @param metrics the metric names, sorted
 */
record RealizationTable(List<Row> rows, List<String> fields, List<String> metrics) {
    record Row(RealizationInfo info, Config config, boolean picked) {
    }

    static RealizationTable of(List<RealizationInfo> realizations, Function<DRef, Config> configs, Matcher matcher) {
        Map<DRef, Config> byDref = new LinkedHashMap<>();
        Map<DRef, List<RealizationInfo>> groups = new LinkedHashMap<>();
        for (RealizationInfo r : realizations) {
            byDref.computeIfAbsent(r.dref(), configs);
            groups.computeIfAbsent(r.dref(), d -> new ArrayList<>()).add(r);
        }
        Set<RRef> picked = new HashSet<>();
        if (matcher != null) {
            for (List<RealizationInfo> g : groups.values()) {
                try {
                    picked.addAll(matcher.select(List.copyOf(g)));
                } catch (RuntimeException e) {
                    // the matcher cannot choose here (e.g. a metric is missing): nothing is marked
                }
            }
        }
        List<RealizationInfo> sorted = new ArrayList<>(realizations);
        sorted.sort(Comparator.comparing(RealizationInfo::finished, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(RealizationInfo::rref));
        List<Row> rows = new ArrayList<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (RealizationInfo r : sorted) {
            rows.add(new Row(r, byDref.get(r.dref()), picked.contains(r.rref())));
            metrics.addAll(r.metrics().keySet());
        }
        return new RealizationTable(rows, ConfigDiff.differing(byDref.values()), List.copyOf(metrics));
    }
}
