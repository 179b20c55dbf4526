package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepRanking;

class SweepTableTest {
    private static final String STAGE = "train";
    private static final DRef LOW = new DRef("1".repeat(32), STAGE);
    private static final DRef MID = new DRef("2".repeat(32), STAGE);
    private static final DRef HIGH = new DRef("3".repeat(32), STAGE);
    private static final DRef BROKEN = new DRef("4".repeat(32), STAGE);
    private static final Map<DRef, Config> CONFIGS = Map.of(
            LOW, Config.parse("{\"lr\":0.001,\"epochs\":2,\"opt\":\"sgd\"}"),
            MID, Config.parse("{\"lr\":0.01,\"epochs\":2,\"opt\":\"sgd\"}"),
            HIGH, Config.parse("{\"lr\":0.1,\"epochs\":2,\"opt\":\"adam\"}"),
            BROKEN, Config.parse("{\"lr\":1,\"epochs\":2,\"opt\":\"adam\"}"));

    private static RealizationInfo info(char c, DRef d, Map<String, Double> metrics) {
        return new RealizationInfo(RRef.of(String.valueOf(c).repeat(32), d), null, 1, "", "", Instant.EPOCH, Instant.EPOCH, 1,
                metrics, Map.of());
    }

    private static final Map<DRef, List<RealizationInfo>> REALIZATIONS = Map.of(
            LOW, List.of(info('a', LOW, Map.of("accuracy", 0.6)), info('b', LOW, Map.of("accuracy", 0.8))),
            MID, List.of(info('c', MID, Map.of("accuracy", 0.9, "loss", 0.2))),
            HIGH, List.of(info('d', HIGH, Map.of("loss", 0.1))),
            BROKEN, List.of());

    private static SweepRoots.Sweep sweep() {
        TreeMap<Integer, org.stagedml.api.Ref> points = new TreeMap<>();
        points.put(1, LOW);
        points.put(2, MID);
        points.put(3, HIGH);
        points.put(4, BROKEN);
        return new SweepRoots.Sweep("sweep-train-1", STAGE, 1, MID, points);
    }

    private static SweepTable table(String metric, boolean maximize) {
        return SweepTable.of(sweep(), new SweepRanking.Metric(metric, maximize), CONFIGS::get,
                d -> REALIZATIONS.getOrDefault(d, List.of()));
    }

    @Test
    void rowsAreRankedByTheMeanOverTheStoredRealizationsThenWithoutMetricThenFailed() {
        SweepTable t = table("accuracy", true);
        assertEquals(List.of("lr", "opt"), t.result().keys(), "the config fields that differ are the varied keys");
        List<SweepOutcome> ranked = t.result().ranked();
        assertEquals(List.of(2, 1, 3, 4), ranked.stream().map(o -> o.point().index()).toList());
        assertEquals(0.9, ranked.get(0).summary().mean(), 1e-12);
        assertEquals(0.7, ranked.get(1).summary().mean(), 1e-12);
        assertEquals(2, ranked.get(1).summary().n());
        assertEquals(Math.sqrt(0.02), ranked.get(1).summary().sd(), 1e-12);
        assertEquals(Map.of("lr", "0.001", "opt", "sgd"), ranked.get(1).point().values());
        assertEquals(List.of("ok", "ok", "no metric accuracy", "failed"),
                ranked.stream().map(o -> SweepTable.status(o, "accuracy")).toList());
        assertEquals(2, t.result().best().orElseThrow().point().index());
        assertEquals(List.of(RRef.of("a".repeat(32), LOW), RRef.of("b".repeat(32), LOW)), t.rrefs().get(1));
        assertTrue(t.rrefs().get(4).isEmpty());
    }

    @Test
    void aMetricToMinimiseRanksTheLowestFirst() {
        SweepTable t = table("loss", false);
        assertEquals(List.of(3, 2, 1, 4), t.result().ranked().stream().map(o -> o.point().index()).toList());
        assertEquals(3, t.result().best().orElseThrow().point().index());
    }

    @Test
    void theChartDrawsTheMeanAgainstANumericKeyInOrderAndNamesTheValuesOfAnother() {
        SweepTable t = table("accuracy", true);
        Charts.Chart lr = t.chart("lr");
        assertEquals("lr", lr.x());
        List<double[]> pts = new ArrayList<>(lr.series().get(0).points());
        assertEquals(2, pts.size(), "the configurations with the metric");
        assertArrayEquals(new double[] {0.001, 0.7}, pts.get(0), 1e-12);
        assertArrayEquals(new double[] {0.01, 0.9}, pts.get(1), 1e-12);
        Charts.Chart opt = t.chart("opt");
        assertEquals("opt (sgd)", opt.x());
    }

    @Test
    void aRootOnOneRealizationCountsThatOneOnly() {
        TreeMap<Integer, org.stagedml.api.Ref> points = new TreeMap<>();
        points.put(1, RRef.of("b".repeat(32), LOW));
        points.put(2, MID);
        SweepTable t = SweepTable.of(new SweepRoots.Sweep("sweep-train-2", STAGE, 2, null, points),
                new SweepRanking.Metric("accuracy", true), CONFIGS::get, d -> REALIZATIONS.getOrDefault(d, List.of()));
        SweepOutcome low = t.result().ranked().stream().filter(o -> o.point().index() == 1).findFirst().orElseThrow();
        assertEquals(1, low.summary().n());
        assertEquals(0.8, low.summary().mean(), 1e-12);
    }
}
