package org.stagedml.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.stagedml.api.sweep.SweepPoint;
import org.stagedml.api.sweep.SweepRange;
import org.stagedml.api.sweep.SweepSpec;

/**
 * The configurations of a sweep: the cartesian product of the grid (last key fastest), each
 * combined with every random draw of the ranges (seeded: the same spec plans the same points).
 * A configuration planned twice (integer draws can repeat) is kept once.
 */
public final class SweepPlan {
    private SweepPlan() {
    }

    public static List<SweepPoint> plan(SweepSpec spec) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : spec.grid().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        if (spec.randomDraws() > 0) {
            List<Map<String, String>> draws = draws(spec);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (Map<String, String> d : draws) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.putAll(d);
                    next.add(m);
                }
            }
            combos = next;
        }
        Set<Map<String, String>> unique = new LinkedHashSet<>(combos);
        List<SweepPoint> points = new ArrayList<>();
        for (Map<String, String> c : unique) {
            points.add(new SweepPoint(points.size() + 1, c));
        }
        return points;
    }

    private static List<Map<String, String>> draws(SweepSpec spec) {
        Random random = new Random(spec.seed());
        List<Map<String, String>> draws = new ArrayList<>();
        for (int i = 0; i < spec.randomDraws(); i++) {
            Map<String, String> d = new LinkedHashMap<>();
            for (SweepRange r : spec.ranges()) {
                d.put(r.key(), draw(r, random));
            }
            draws.add(d);
        }
        return draws;
    }

    /** One value of a range as a config override string. */
    static String draw(SweepRange r, Random random) {
        if (r.integers()) {
            long lo = (long) r.lo();
            long hi = (long) r.hi();
            return Long.toString(lo + (long) Math.floor(random.nextDouble() * (hi - lo + 1)));
        }
        double u = random.nextDouble();
        double v = r.log() ? Math.exp(Math.log(r.lo()) + u * (Math.log(r.hi()) - Math.log(r.lo())))
                : r.lo() + u * (r.hi() - r.lo());
        // six significant digits: short enough for a table and a derivation, distinct enough to vary
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
