package org.stagedml.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stagedml.api.Ref;

/**
 * The sweeps in the store, found through their GC roots: {@code sweep-<stage>-<n>} points at the
 * best configuration, {@code sweep-<stage>-<n>.<i>} at configuration i. A root of that shape whose
 * ref is of another stage is not a sweep's.
 */
final class SweepRoots {
    private static final Pattern NAME = Pattern.compile("sweep-(.+)-(\\d{1,9})(?:\\.(\\d{1,9}))?");

    /**
     * One sweep.
     *
     * @param name its root name, {@code sweep-<stage>-<n>}
     * @param best what that root points at (null when only configuration roots are left)
     * @param points configuration index -> what its root points at
     */
    record Sweep(String name, String stage, int number, Ref best, SortedMap<Integer, Ref> points) {
    }

    private SweepRoots() {
    }

    /** The sweeps among the roots, by stage, the newest (highest n) first. */
    static List<Sweep> find(Map<String, Ref> roots) {
        Map<String, Sweep> found = new TreeMap<>();
        roots.forEach((root, ref) -> {
            Matcher m = NAME.matcher(root);
            if (!m.matches() || !m.group(1).equals(ref.name())) {
                return;
            }
            String name = "sweep-" + m.group(1) + "-" + m.group(2);
            Sweep s = found.computeIfAbsent(name, n -> new Sweep(n, m.group(1), Integer.parseInt(m.group(2)), null, new TreeMap<>()));
            if (m.group(3) == null) {
                found.put(name, new Sweep(name, s.stage(), s.number(), ref, s.points()));
            } else {
                s.points().put(Integer.parseInt(m.group(3)), ref);
            }
        });
        List<Sweep> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing(Sweep::stage).thenComparing(Comparator.comparingInt(Sweep::number).reversed()));
        return out;
    }

    /** The sweep of that root name; null when the store has no such sweep. */
    static Sweep named(Map<String, Ref> roots, String name) {
        return find(roots).stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
