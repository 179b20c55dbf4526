package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.store.GcReport;

/**
 * gc while a realize runs: what the job has selected (built or served from the store) stays until
 * the job ends, and a root asked for in the options is in place before the job lets go.
 */
class GcWhileRealizingTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir.resolve("store"));
        // a fast dependency and a slow one: the fast one is selected long before the dependent builds
        f.registry.add(TestStages.dependent("pair", Map.of(
                "fast", Dependency.on("example-chain", Map.of("depth", 0)),
                "slow", Dependency.on("example-sleep", Map.of("seconds", 2)))), "test", "1");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void gcKeepsADependencyTheJobBuiltUntilTheDependentHasUsedIt() throws Exception {
        RealizeJob job = f.realizer.submit(f.instantiate("pair", Map.of()), RealizeOptions.defaults());
        RRef fast = awaitRealization("example-chain");
        // the builder still holds the derivation lock for a moment after the rename (the store
        // fsyncs after it); once it lets go, only the job's temporary root keeps the dependency
        f.store.lock(fast.dref(), java.time.Duration.ofSeconds(10)).orElseThrow().close();
        GcReport gc = f.store.gc(false);
        assertFalse(gc.removed().contains(fast), "gc removed " + fast + " while the job ran: " + gc);
        assertTrue(gc.skipped().contains(fast), "reported as skipped: " + gc.skipped());
        RRef pair = job.await().get(0);
        assertTrue(Files.readString(f.store.path(pair).resolve("deps.txt")).contains(fast.toString()));
        assertTrue(f.store.verify(List.of()).ok());
    }

    @Test
    void gcKeepsADependencyServedFromTheStore() throws Exception {
        RRef fast = f.realizeOne("example-chain", Map.of("depth", 0)); // built before, rooted by nothing
        Thread.sleep(5);
        RealizeJob job = f.realizer.submit(f.instantiate("pair", Map.of()), RealizeOptions.defaults());
        awaitSelection(job, fast.dref());
        GcReport gc = f.store.gc(false);
        assertFalse(gc.removed().contains(fast), "gc removed " + fast + ", which the job had selected: " + gc);
        job.await();
        assertEquals(List.of(fast, fast.dref()), f.store.gc(false).removed().stream()
                .filter(r -> r.dref().equals(fast.dref())).toList(), "the job let go when it ended");
    }

    @Test
    void theRootAskedForIsInPlaceWhenTheJobEnds() throws Exception {
        Closure c = f.instantiate("pair", Map.of());
        List<RRef> result = f.realizer.realize(c, RealizeOptions.defaults().withRoot("last-pair"));
        assertEquals(c.target(), f.store.roots().get("last-pair"));
        GcReport gc = f.store.gc(false);
        assertTrue(gc.removed().isEmpty(), "the rooted closure is kept: " + gc);
        assertTrue(f.store.realization(result.get(0)).isPresent());
    }

    @Test
    void aFailedRealizeSetsNoRootAndLetsGoOfEverything() throws Exception {
        f.registry.add(TestStages.dependent("doomed", Map.of(
                "fast", Dependency.on("example-chain", Map.of("depth", 0)),
                "bad", Dependency.on("example-fail", Map.of("message", "on purpose")))), "test", "1");
        Closure c = f.instantiate("doomed", Map.of());
        try {
            f.realizer.realize(c, RealizeOptions.defaults().withRoot("last-doomed"));
        } catch (RuntimeException expected) {
            // the failure itself is tested elsewhere
        }
        assertFalse(f.store.roots().containsKey("last-doomed"));
        Thread.sleep(5);
        GcReport gc = f.store.gc(false);
        assertTrue(gc.skipped().isEmpty(), "nothing is held after the job: " + gc);
        assertTrue(gc.removed().stream().anyMatch(r -> r.dref().name().equals("example-chain")), gc.toString());
    }

    private RRef awaitRealization(String stage) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var found = f.store.realizationsOf(stage);
            if (!found.isEmpty()) {
                return found.get(0).rref();
            }
            Thread.sleep(10);
        }
        throw new AssertionError(stage + " was not built in time");
    }

    private static void awaitSelection(RealizeJob job, DRef dref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!job.selected().containsKey(dref) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(job.selected().containsKey(dref), dref + " was not selected in time");
    }
}
