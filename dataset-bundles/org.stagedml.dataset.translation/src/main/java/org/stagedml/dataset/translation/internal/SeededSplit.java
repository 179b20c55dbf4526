package org.stagedml.dataset.translation.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded train/dev/test assignment of {@code n} items: the indexes are shuffled with
 * {@code java.util.Random(seed)} (its algorithm and Collections.shuffle's are specified, so the split is
 * the same on every JVM), the first {@code round(n * devFraction)} go to dev, the next
 * {@code round(n * testFraction)} to test, the rest to train. Each split lists its indexes in
 * ascending order, so a split keeps the corpus order.
 */
record SeededSplit(List<Integer> train, List<Integer> dev, List<Integer> test) {
    static SeededSplit of(int n, long seed, double devFraction, double testFraction) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int dev = (int) Math.round(n * devFraction);
        int test = Math.min(n - dev, (int) Math.round(n * testFraction));
        return new SeededSplit(sorted(order.subList(dev + test, n)), sorted(order.subList(0, dev)),
                sorted(order.subList(dev, dev + test)));
    }

    private static List<Integer> sorted(List<Integer> part) {
        List<Integer> copy = new ArrayList<>(part);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
