package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.GcReport;
import org.stagedml.model.examples.internal.ChainStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.store.internal.FileStore;

/**
 * gc running (in another process, in a tight loop) while realizations are in progress: nothing
 * reachable from a root or in use by a realization in progress is deleted.
 */
class GcDuringRealizeIT {
    /** Builds in flight (sleeps) and everything reachable from a root survive a gc loop. */
    @Test
    void gcLoopKeepsRootedClosureAndBuildsInFlight() throws Exception {
        Path root = Support.newHome("gc");
        FileStore store = new FileStore(root);
        try (DefaultRealizer realizer = Support.realizer(store)) {
            RRef kept = realizer.realize(realizer.instantiate("example-chain", Map.of("depth", 12)), RealizeOptions.defaults()).get(0);
            store.addRoot("keep", kept);
            List<String> before = new ArrayList<>(Support.snapshot(root.resolve("store-v1")).keySet());
            String gcLine = withGcLoop(root, () -> {
                for (int round = 0; round < 6; round++) {
                    List<RRef> slept = realizer.realize(realizer.instantiate("example-sleep",
                            Map.of("seconds", 0.3, "tag", "gc" + round)), RealizeOptions.defaults());
                    assertEquals(1, slept.size());
                }
                return null;
            });
            Set<String> after = Support.snapshot(root.resolve("store-v1")).keySet();
            for (String p : before) {
                assertTrue(after.contains(p), "gc removed " + p + ", reachable from root 'keep'");
            }
            assertTrue(store.verify(List.of()).ok());
            assertEquals(SigkillIT.fib(12), Files.readString(store.path(kept).resolve("value.txt")).trim());
            System.out.printf("RELIABILITY gc-during-realize (rooted + in-flight): 6 sleeps realized, %s%n", gcLine);
            assertTrue(gcLine.matches("GC runs=\\d+ removed=[1-9]\\d* .*"), "the gc loop removed nothing: " + gcLine);
        }
    }

    /**
     * Unrooted DAGs realized again and again while another process collects garbage in a loop:
     * each round waits until the gc has removed part of the finished DAG, then the realize
     * rebuilds what is missing and selects what survived while the gc goes on, and every realize
     * must still succeed with the right value. Before temporary roots, a gc between the selection of a dependency
     * and the start of its dependent's build failed about one realize in 16.
     */
    @Test
    void gcLoopBesideUnrootedDagRealizations() throws Exception {
        Path root = Support.newHome("gc-dags");
        FileStore store = new FileStore(root);
        int rounds = 16;
        int[] built = {0};
        try (DefaultRealizer realizer = Support.realizer(store)) {
            String gcLine = withGcLoop(root, () -> {
                for (int round = 0; round < rounds; round++) {
                    awaitCollection(store, round == 0 ? 0 : 17); // a cached realize is too quick to meet a gc otherwise
                    // rooted while the value is read (the gc loop may take an unrooted result as soon as
                    // the job ends), unrooted after, so that the next round sees it collected
                    RealizeJob job = realizer.submit(realizer.instantiate("example-chain", Map.of("depth", 16)),
                            RealizeOptions.defaults().withRoot("dag"));
                    RRef top = job.await().get(0);
                    built[0] += job.built().size();
                    assertEquals(SigkillIT.fib(16), Files.readString(store.path(top).resolve("value.txt")).trim());
                    store.removeRoot("dag");
                }
                return null;
            });
            assertTrue(store.verify(List.of()).ok());
            System.out.printf("RELIABILITY gc-during-realize (unrooted DAGs): %d realizes of a 17-node DAG ok, %d builds, %s%n",
                    rounds, built[0], gcLine);
            assertTrue(built[0] > 17, "the gc loop never removed a finished DAG: " + built[0] + " builds");
        }
    }

    /**
     * A realization that a running realize has built or selected for a dependency stays until the
     * job ends, although it is not rooted and no build of it is running: here the dependent waits
     * for its other dependency (a 3 s sleep), and a gc in that window must leave the finished
     * dependency alone (the job holds a temporary root on every derivation it has listed).
     */
    @Test
    void gcKeepsWhatARunningRealizationHasSelected() throws Exception {
        Path root = Support.newHome("gc-selected");
        FileStore store = new FileStore(root);
        StageRegistry registry = new StageRegistry();
        registry.add(new ChainStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new SleepStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new PairStage(), "org.stagedml.reliability", "0.1.0");
        try (DefaultRealizer realizer = new DefaultRealizer(store, registry, new RealizerSettings(2, 0))) {
            RealizeJob job = realizer.submit(realizer.instantiate("reliability-pair", Map.of()), RealizeOptions.defaults());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (store.realizationsOf("example-chain").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, store.realizationsOf("example-chain").size(), "the fast dependency was not built");
            RRef fast = store.realizationsOf("example-chain").get(0).rref();
            // the builder holds the derivation lock a moment after the rename (the store fsyncs
            // after it); once it lets go, only the job's temporary root keeps the dependency
            store.lock(fast.dref(), java.time.Duration.ofSeconds(10)).orElseThrow().close();
            GcReport gc = store.gc(false); // while the sleep still runs and the pair waits for it
            assertTrue(gc.skipped().contains(fast), "not held by the job: " + gc);
            List<RRef> result = job.await();
            assertEquals(1, result.size());
            assertTrue(Files.readString(store.path(result.get(0)).resolve("pair.txt")).startsWith("0 "));
            System.out.printf("RELIABILITY gc-selected: gc skipped %d held by the running job (removed %d); the job completed%n",
                    gc.skipped().size(), gc.removed().size());
        }
    }

    /** Depends on a fast build (example-chain depth 0) and a slow one (a 3 s sleep); reads both. */
    static final class PairStage implements Stage {
        @Override
        public String name() {
            return "reliability-pair";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "waits for a fast and a slow dependency";
        }

        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.string("tag", "pair", "any text"));
        }

        @Override
        public Map<String, Dependency> dependencies(Config config) {
            return Map.of("fast", Dependency.on("example-chain", Map.of("depth", 0)),
                    "slow", Dependency.on("example-sleep", Map.of("seconds", 3, "tag", config.getString("tag"))));
        }

        @Override
        public void build(BuildContext b) throws Exception {
            String fast = Files.readString(b.dependencyPath("fast").resolve("value.txt"));
            String slow = Files.readString(b.dependencyPath("slow").resolve("slept.txt"));
            Files.writeString(b.out().resolve("pair.txt"), fast.trim() + " " + slow);
        }
    }

    /** Waits (at most 10 s) until fewer than {@code built} example-chain realizations are left. */
    private static void awaitCollection(FileStore store, int built) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.realizationsOf("example-chain").size() >= built && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Runs the work while another process collects garbage in a loop; returns the collector's summary line. */
    static String withGcLoop(Path root, Callable<Void> work) throws Exception {
        Path stop = root.resolveSibling(root.getFileName() + ".stop");
        Process gc = Support.childJvm(GcLoopChild.class, root.toString(), stop.toString());
        Support.Result[] out = new Support.Result[1];
        Thread reader = new Thread(() -> {
            try {
                out[0] = Support.finish(gc, 300);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        Thread.sleep(1500); // the loop is running
        try {
            work.call();
        } finally {
            Files.writeString(stop, "stop");
            reader.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(0, out[0].code(), out[0].toString());
        return out[0].out().lines().filter(l -> l.startsWith("GC ")).findFirst().orElse("(no summary) " + out[0]);
    }
}
