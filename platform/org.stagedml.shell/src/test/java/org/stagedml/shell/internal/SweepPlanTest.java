package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.sweep.SweepPoint;
import org.stagedml.api.sweep.SweepRange;
import org.stagedml.api.sweep.SweepSpec;

class SweepPlanTest {
    private static Map<String, List<String>> grid(Object... kv) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            g.put((String) kv[i], List.of(((String) kv[i + 1]).split(",")));
        }
        return g;
    }

    @Test
    void gridIsTheCartesianProductLastKeyFastest() {
        List<SweepPoint> ps = SweepPlan.plan(SweepSpec.grid("s", grid("a", "1,2", "b", "x,y,z")));
        assertEquals(6, ps.size());
        assertEquals("a=1 b=x", ps.get(0).toString());
        assertEquals("a=1 b=y", ps.get(1).toString());
        assertEquals("a=2 b=z", ps.get(5).toString());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ps.stream().map(SweepPoint::index).toList());
    }

    @Test
    void aRepeatedValueIsPlannedOnce() {
        assertEquals(2, SweepPlan.plan(SweepSpec.grid("s", grid("a", "1,2,1"))).size());
    }

    @Test
    void randomDrawsAreSeededInRangeAndOnTheLogScale() {
        SweepSpec spec = SweepSpec.grid("s", grid("a", "1,2"))
                .withRandom(5, 42, List.of(SweepRange.parse("lr", "0.0001..0.1", true), SweepRange.parse("depth", "1..3", false)));
        List<SweepPoint> ps = SweepPlan.plan(spec);
        assertEquals(10, ps.size(), "each grid point with each of the 5 draws");
        assertEquals(ps, SweepPlan.plan(spec), "the same seed plans the same points");
        assertNotEquals(ps, SweepPlan.plan(spec.withRandom(5, 43, spec.ranges())));
        int below = 0;
        for (SweepPoint p : ps) {
            double lr = Double.parseDouble(p.values().get("lr"));
            assertTrue(lr >= 0.0001 && lr <= 0.1, p.toString());
            below += lr < 0.00316 ? 1 : 0; // the geometric middle
            assertTrue(List.of("1", "2", "3").contains(p.values().get("depth")), "integers in 1..3: " + p);
        }
        assertTrue(below > 0 && below < ps.size(), "a log scale draws on both sides of the geometric middle");
    }

    @Test
    void badSpecsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> SweepRange.parse("lr", "0.1", false));
        assertThrows(IllegalArgumentException.class, () -> SweepRange.parse("lr", "0..1", true));
        assertThrows(IllegalArgumentException.class, () -> SweepRange.parse("lr", "2..1", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.grid("s", Map.of()));
        assertTrue(e.getMessage().contains("key=v1,v2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.grid("s", grid("a", "1")).withRandom(3, 1, List.of()));
    }
}
