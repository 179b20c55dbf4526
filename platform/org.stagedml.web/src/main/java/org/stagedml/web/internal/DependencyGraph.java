package org.stagedml.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.stagedml.api.RRef;

/**
 * The realizations one realization was built from, as its contexts name them, laid out in columns:
 * a realization's dependencies stand left of it, the realization itself in the last column.
 *
 * @param root the realization drawn
 * @param edges each node -> the realizations it used (its dependencies), every node present as a key
 * @param columns the nodes of each column, left to right
 */
record DependencyGraph(RRef root, Map<RRef, List<RRef>> edges, List<List<RRef>> columns) {
    /** More than this many nodes are not drawn (a picture that large says nothing). */
    static final int MAX_NODES = 200;

    /**
     * @param dependencies the realizations a realization used (from its context; empty when unknown)
     */
    static DependencyGraph of(RRef root, Function<RRef, List<RRef>> dependencies) {
        Map<RRef, List<RRef>> edges = new LinkedHashMap<>();
        Deque<RRef> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty() && edges.size() < MAX_NODES) {
            RRef r = todo.pop();
            if (edges.containsKey(r)) {
                continue;
            }
            List<RRef> deps = new ArrayList<>(new LinkedHashSet<>(dependencies.apply(r)));
            deps.sort(null);
            edges.put(r, deps);
            todo.addAll(deps);
        }
        for (List<RRef> deps : edges.values()) {
            deps.forEach(d -> edges.putIfAbsent(d, new ArrayList<>()));
        }
        // level = the longest path from the root (a context never forms a cycle; the cap guards anyway)
        Map<RRef, Integer> level = new HashMap<>();
        level.put(root, 0);
        boolean changed = true;
        for (int round = 0; changed && round <= edges.size(); round++) {
            changed = false;
            for (Map.Entry<RRef, List<RRef>> e : edges.entrySet()) {
                Integer l = level.get(e.getKey());
                if (l == null) {
                    continue;
                }
                for (RRef d : e.getValue()) {
                    if (level.getOrDefault(d, -1) < l + 1) {
                        level.put(d, l + 1);
                        changed = true;
                    }
                }
            }
        }
        int max = level.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        TreeMap<Integer, List<RRef>> byColumn = new TreeMap<>();
        for (Map.Entry<RRef, Integer> e : level.entrySet()) {
            byColumn.computeIfAbsent(max - e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        List<List<RRef>> columns = new ArrayList<>();
        byColumn.values().forEach(c -> {
            c.sort(null);
            columns.add(List.copyOf(c));
        });
        return new DependencyGraph(root, edges, columns);
    }

    Set<RRef> nodes() {
        return edges.keySet();
    }
}
