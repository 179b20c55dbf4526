package org.stagedml.realizer.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeOptions;

/**
 * Instantiate plus realize of an already-built {@code example-chain depth=N} DAG (N+1 nodes), for
 * N = 100, 1,000 and 10,000. Prints a table; not a timed test. Run: {@code mvn -B -P benchmarks test}.
 */
@Tag("benchmark")
class RealizeBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void warmInstantiateAndRealize() throws Exception {
        try (Fixture f = new Fixture(dir, new RealizerSettings(Runtime.getRuntime().availableProcessors(), 0))) {
            int[] depths = {100, 1_000, 10_000};
            System.out.println();
            System.out.println("| nodes  | cold build s | instantiate ms | realize (all cached) ms | instantiate ms/1000 | realize ms/1000 | store.realizations() of every node ms |");
            System.out.println("|--------|--------------|----------------|-------------------------|---------------------|-----------------|---------------------------------------|");
            for (int depth : depths) {
                long t0 = System.nanoTime();
                f.realizer.realize(f.instantiate("example-chain", Map.of("depth", depth)), RealizeOptions.defaults());
                double cold = (System.nanoTime() - t0) / 1e9;
                List<Double> inst = new ArrayList<>();
                List<Double> real = new ArrayList<>();
                List<Double> listing = new ArrayList<>();
                int nodes = 0;
                for (int run = 0; run < 5; run++) {
                    long a = System.nanoTime();
                    Closure c = f.instantiate("example-chain", Map.of("depth", depth));
                    long b = System.nanoTime();
                    f.realizer.realize(c, RealizeOptions.defaults());
                    long e = System.nanoTime();
                    for (Closure.Node n : c.nodes()) {
                        f.store.realizations(n.dref()); // the store's share: each of the two walks lists every node once
                    }
                    listing.add((System.nanoTime() - e) / 1e6);
                    inst.add((b - a) / 1e6);
                    real.add((e - b) / 1e6);
                    nodes = c.nodes().size();
                }
                double i = median(inst);
                double r = median(real);
                System.out.printf("| %6d | %12.1f | %14.1f | %23.1f | %19.1f | %15.1f | %37.1f |%n", nodes, cold, i, r,
                        i * 1000 / nodes, r * 1000 / nodes, median(listing));
            }
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
