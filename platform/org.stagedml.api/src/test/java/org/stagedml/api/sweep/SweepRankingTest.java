package org.stagedml.api.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.StagedmlException;

class SweepRankingTest {
    private static SweepOutcome ok(int index, Double... values) {
        return new SweepOutcome(new SweepPoint(index, Map.of("k", "" + index)), null, List.of(),
                MetricSummary.of(List.of(values)), true, "");
    }

    private static SweepOutcome failed(int index) {
        return new SweepOutcome(new SweepPoint(index, Map.of("k", "" + index)), null, List.of(),
                MetricSummary.of(List.of()), false, "boom");
    }

    private static List<Integer> order(List<SweepOutcome> ranked) {
        return ranked.stream().map(o -> o.point().index()).toList();
    }

    @Test
    void ranksByMeanBestFirstThenWithoutMetricThenFailed() {
        List<SweepOutcome> os = List.of(failed(1), ok(2, 0.5, 0.7), ok(3), ok(4, 0.9), ok(5, 0.1));
        assertEquals(List.of(4, 2, 5, 3, 1), order(SweepRanking.rank(os, true)));
        assertEquals(List.of(5, 2, 4, 3, 1), order(SweepRanking.rank(os, false)));
    }

    @Test
    void tiesKeepThePlanOrder() {
        assertEquals(List.of(1, 2), order(SweepRanking.rank(List.of(ok(2, 0.5), ok(1, 0.5)), true)));
    }

    @Test
    void theMetricIsGivenOrTheDefaultMatchers() {
        assertEquals(new SweepRanking.Metric("accuracy", true), SweepRanking.metric(null, "s", "best:accuracy"));
        assertEquals(new SweepRanking.Metric("loss", false), SweepRanking.metric("", "s", "best:loss:1:min"));
        assertEquals(new SweepRanking.Metric("loss", false), SweepRanking.metric("loss:min", "s", "best:accuracy"));
        assertEquals(new SweepRanking.Metric("f1", true), SweepRanking.metric("f1", "s", "only"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> SweepRanking.metric(null, "s", "latest"));
        assertEquals(true, e.getMessage().contains("--metric"), e.getMessage());
        assertThrows(StagedmlException.class, () -> SweepRanking.metric("a:b:c", "s", "only"));
    }
}
