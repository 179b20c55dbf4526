package org.stagedml.api.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.MetricSummary;

class SweepResultTest {
    private static SweepOutcome point(int index, String lr, String opt, Double... values) {
        return new SweepOutcome(new SweepPoint(index, Map.of("lr", lr, "opt", opt)), null, List.of(),
                MetricSummary.of(List.of(values)), true, "");
    }

    private static final SweepResult RESULT = new SweepResult("s", "accuracy", true, List.of("lr", "opt"), List.of(
            point(1, "0.1", "sgd", 0.9, 0.7), point(2, "0.01", "adam", 0.5), point(3, "1", "sgd"),
            new SweepOutcome(new SweepPoint(4, Map.of("lr", "5", "opt", "rms")), null, List.of(), MetricSummary.of(List.of()),
                    false, "boom")), null, null);

    @Test
    void aNumericKeyIsTheAxisAndThePointsAreSortedByIt() {
        SweepResult.Against a = RESULT.against("lr");
        assertEquals("lr", a.axis());
        assertEquals(2, a.points().size(), "only the configurations with the metric");
        assertArrayEquals(new double[] {0.01, 0.5, Double.NaN}, a.points().get(0));
        assertEquals(0.1, a.points().get(1)[0]);
        assertEquals(0.8, a.points().get(1)[1], 1e-12);
        assertEquals(Math.sqrt(0.02), a.points().get(1)[2], 1e-12);
    }

    @Test
    void anotherKeyIsDrawnAgainstThePositionOfItsValuesWhichTheAxisNames() {
        SweepResult.Against a = RESULT.against("opt");
        assertEquals("opt (adam, sgd)", a.axis());
        assertEquals(List.of(1.0, 2.0), a.points().stream().map(p -> p[0]).toList());
    }
}
