package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    @Test
    void sampleStatisticsDivideByNMinusOne() {
        MetricSummary s = MetricSummary.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
        assertEquals(8, s.n());
        assertEquals(5.0, s.mean(), 1e-12);
        // population sd of this classic sample is 2; the sample sd is sqrt(32 / 7)
        assertEquals(Math.sqrt(32.0 / 7.0), s.sd(), 1e-12);
        assertEquals(2.0, s.min());
        assertEquals(9.0, s.max());
        assertEquals(0, s.skipped());
    }

    @Test
    void oneValueHasNoSpread() {
        MetricSummary s = MetricSummary.of(List.of(0.87));
        assertEquals(1, s.n());
        assertEquals(0.87, s.mean());
        assertEquals(0.87, s.min());
        assertEquals(0.87, s.max());
        assertTrue(Double.isNaN(s.sd()), "the sample sd of one value is undefined, not 0");
    }

    @Test
    void missingNanAndInfiniteValuesAreSkippedAndCounted() {
        MetricSummary s = MetricSummary.of(Arrays.asList(1.0, null, Double.NaN, 3.0, Double.POSITIVE_INFINITY));
        assertEquals(2, s.n());
        assertEquals(3, s.skipped());
        assertEquals(2.0, s.mean());
        assertEquals(Math.sqrt(2.0), s.sd(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(3.0, s.max());
    }

    @Test
    void nothingToSummariseIsAllNan() {
        MetricSummary s = MetricSummary.of(Arrays.asList(Double.NaN));
        assertEquals(0, s.n());
        assertEquals(1, s.skipped());
        assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.sd()) && Double.isNaN(s.min()) && Double.isNaN(s.max()));
    }

    @Test
    void byMetricSummarisesEachNameOverTheRealizationsThatHaveIt() {
        Map<String, MetricSummary> m = MetricSummary.byMetric(List.of(
                Map.of("accuracy", 0.5, "loss", 1.0), Map.of("accuracy", 0.7), Map.of("accuracy", 0.9)));
        assertEquals(List.of("accuracy", "loss"), List.copyOf(m.keySet()));
        assertEquals(3, m.get("accuracy").n());
        assertEquals(0.7, m.get("accuracy").mean(), 1e-12);
        assertEquals(0.2, m.get("accuracy").sd(), 1e-12);
        assertEquals(1, m.get("loss").n());
    }
}
