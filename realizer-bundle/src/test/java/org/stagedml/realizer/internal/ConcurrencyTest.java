package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.StoreLock;

/** Parallel builds, concurrent realizes, failures, cancellation and hot-unplug. */
class ConcurrencyTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void independentBuildsRunInParallel() throws Exception {
        f.registry.add(TestStages.dependent("two-sleeps", Map.of(
                "a", Dependency.on("example-sleep", Map.of("seconds", 1, "tag", "a")),
                "b", Dependency.on("example-sleep", Map.of("seconds", 1, "tag", "b")))));
        Closure c = f.instantiate("two-sleeps", Map.of());
        long t0 = System.nanoTime();
        f.realizer.realize(c, RealizeOptions.defaults());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<RealizeEvent> started = f.events.of(RealizeEvent.Type.STARTED).stream()
                .filter(e -> e.dref().name().equals("example-sleep")).toList();
        List<RealizeEvent> finished = f.events.of(RealizeEvent.Type.FINISHED).stream()
                .filter(e -> e.dref().name().equals("example-sleep")).toList();
        assertEquals(2, started.size());
        // both started before either finished: they overlapped
        assertTrue(started.get(1).time().isBefore(finished.get(0).time()), "builds did not overlap");
        assertTrue(ms < 10_000, "two 1 s builds took " + ms + " ms"); // loose: the overlap above is the proof
    }

    @Test
    void oneCpuSlotSerialisesBuilds() throws Exception {
        try (Fixture one = new Fixture(dir.resolve("one"), new RealizerSettings(1, 0))) {
            one.registry.add(TestStages.dependent("two-sleeps", Map.of(
                    "a", Dependency.on("example-sleep", Map.of("seconds", 0.4, "tag", "a")),
                    "b", Dependency.on("example-sleep", Map.of("seconds", 0.4, "tag", "b")))));
            one.realizer.realize(one.instantiate("two-sleeps", Map.of()), RealizeOptions.defaults());
            List<RealizeEvent> started = one.events.of(RealizeEvent.Type.STARTED).stream()
                    .filter(e -> e.dref().name().equals("example-sleep")).toList();
            List<RealizeEvent> finished = one.events.of(RealizeEvent.Type.FINISHED).stream()
                    .filter(e -> e.dref().name().equals("example-sleep")).toList();
            assertFalse(started.get(1).time().isBefore(finished.get(0).time()), "one slot, yet builds overlapped");
        }
    }

    @Test
    void sameDerivationNeededByTwoConcurrentRealizesIsBuiltOnce() throws Exception {
        Closure c = f.instantiate("example-sleep", Map.of("seconds", 1));
        RealizeJob a = f.realizer.submit(c, RealizeOptions.defaults());
        RealizeJob b = f.realizer.submit(c, RealizeOptions.defaults());
        List<RRef> ra = a.await();
        List<RRef> rb = b.await();
        assertEquals(ra, rb);
        assertEquals(1, f.events.count(RealizeEvent.Type.STARTED, "example-sleep"));
        assertEquals(1, f.events.count(RealizeEvent.Type.CACHED, "example-sleep"));
        assertEquals(1, f.store.realizations(c.target()).size());
    }

    @Test
    void cancellingAWaiterLeavesTheBuilderAlone() throws Exception {
        Closure c = f.instantiate("example-sleep", Map.of("seconds", 1.5));
        RealizeJob builder = f.realizer.submit(c, RealizeOptions.defaults());
        f.events.await(RealizeEvent.Type.STARTED, "example-sleep", 10_000);
        RealizeJob waiter = f.realizer.submit(c, RealizeOptions.defaults());
        long waiting = 0;
        for (int i = 0; i < 500 && waiting == 0; i++) {
            Thread.sleep(10);
            waiting = f.events.of(RealizeEvent.Type.LOG).stream()
                    .filter(e -> e.message().startsWith("waiting for another build")).count();
        }
        assertEquals(1, waiting, "the second realize waits for the first one's lock");
        waiter.cancel();
        assertThrows(CancelledException.class, waiter::await);
        assertEquals(1, builder.await().size());
        assertEquals(1, f.events.count(RealizeEvent.Type.STARTED, "example-sleep"));
    }

    @Test
    void aClosureOfAnOlderStageVersionIsNotBuiltByTheNewOne() throws Exception {
        Closure c = f.instantiate("example-hello", Map.of("greeting", "old"));
        Stage hello = f.registry.get("example-hello").stage();
        f.registry.remove(hello);
        f.registry.add(TestStages.withVersion(hello, 2));
        org.stagedml.api.StagedmlException e = assertThrows(org.stagedml.api.StagedmlException.class,
                () -> f.realizer.realize(c, RealizeOptions.defaults()));
        assertTrue(e.getMessage().contains("version 1") && e.getMessage().contains("instantiate it again"),
                e.getMessage());
        assertEquals(1, f.events.count(RealizeEvent.Type.FAILED, "example-hello"));
    }

    @Test
    void failureNamesStageAndDRefKeepsLogAndLetsIndependentBranchesFinish() throws Exception {
        f.registry.add(TestStages.dependent("mixed", Map.of(
                "bad", Dependency.on("example-fail", Map.of("message", "boom on purpose")),
                "good", Dependency.on("example-sleep", Map.of("seconds", 0.5)))));
        f.registry.add(TestStages.dependent("after-bad", Map.of("bad", Dependency.on("example-fail",
                Map.of("message", "boom on purpose")))));
        f.registry.add(TestStages.dependent("top", Map.of("m", Dependency.on("mixed"), "x", Dependency.on("after-bad"))));
        Closure c = f.instantiate("top", Map.of());
        List<String> before = f.storeFiles();
        DRef fail = c.nodes().stream().filter(n -> n.dref().name().equals("example-fail")).findFirst().orElseThrow().dref();
        BuildFailedException e = assertThrows(BuildFailedException.class,
                () -> f.realizer.realize(c, RealizeOptions.defaults()));
        assertEquals(fail, e.dref());
        assertTrue(e.getMessage().contains("example-fail") && e.getMessage().contains(fail.toString())
                && e.getMessage().contains("boom on purpose"), e.getMessage());
        // the log is kept outside the store, and findable
        assertTrue(e.log() != null && Files.isRegularFile(e.log()), "log " + e.log());
        assertEquals(f.store.failedLog(fail).orElseThrow(), e.log(), "the store finds the log it kept");
        String log = Files.readString(e.log());
        assertTrue(log.contains("about to fail") && log.contains("boom on purpose"), log);
        assertTrue(e.getMessage().contains(e.log().toString()));
        // the independent branch finished; dependents were not built; the failed one left nothing
        assertEquals(1, f.events.count(RealizeEvent.Type.FINISHED, "example-sleep"));
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "mixed"));
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "after-bad"));
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "top"));
        assertEquals(1, f.events.count(RealizeEvent.Type.FAILED, "example-fail"));
        assertEquals(0, f.store.realizations(fail).size());
        String sleepFolder = c.nodes().stream().filter(n -> n.dref().name().equals("example-sleep")).findFirst()
                .orElseThrow().dref().folderName();
        List<String> after = f.storeFiles().stream()
                .filter(p -> !p.startsWith(sleepFolder + "/") || p.endsWith("/derivation.json")).toList();
        assertEquals(before, after, "only the independent branch was added");
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
        assertTrue(lockIsFree(fail));
    }

    @Test
    void cancellingStopsTheBuildCleanly() throws Exception {
        Closure c = f.instantiate("example-sleep", Map.of("seconds", 30));
        RealizeJob job = f.realizer.submit(c, RealizeOptions.defaults());
        f.events.await(RealizeEvent.Type.PROGRESS, "example-sleep", 10_000);
        assertFalse(f.tmpEntries().isEmpty(), "a build in progress has a tmp folder");
        long t0 = System.nanoTime();
        job.cancel();
        CancelledException e = assertThrows(CancelledException.class, job::await);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "cancel took too long");
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(job.isDone());
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
        assertTrue(lockIsFree(c.target()));
        assertEquals(0, f.store.realizations(c.target()).size());
        assertEquals(1, f.events.count(RealizeEvent.Type.FAILED, "example-sleep"));
    }

    @Test
    void closingTheRealizerCancelsAndCleansUp() throws Exception {
        Closure c = f.instantiate("example-sleep", Map.of("seconds", 30));
        RealizeJob job = f.realizer.submit(c, RealizeOptions.defaults());
        f.events.await(RealizeEvent.Type.PROGRESS, "example-sleep", 10_000);
        f.realizer.close(); // as when the component deactivates
        assertTrue(job.isDone());
        assertThrows(CancelledException.class, job::await);
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
        assertTrue(lockIsFree(c.target()));
    }

    @Test
    void unregisteringAStageCancelsItsBuild() throws Exception {
        f.registry.add(TestStages.dependent("after-sleep", Map.of("s", Dependency.on("example-sleep",
                Map.of("seconds", 30)))));
        Closure c = f.instantiate("after-sleep", Map.of());
        RealizeJob job = f.realizer.submit(c, RealizeOptions.defaults());
        f.events.await(RealizeEvent.Type.PROGRESS, "example-sleep", 10_000);
        Stage sleep = f.registry.get("example-sleep").stage();
        f.registry.remove(sleep); // as when its bundle stops: returns once the build has stopped
        assertTrue(f.tmpEntries().isEmpty(), "tmp left when remove returned: " + f.tmpEntries());
        CancelledException e = assertThrows(CancelledException.class, job::await);
        assertTrue(e.getMessage().contains("went away") && e.getMessage().contains("example-sleep"), e.getMessage());
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
        DRef sleepDref = c.nodes().get(0).dref();
        assertTrue(lockIsFree(sleepDref));
        assertEquals(0, f.store.realizations(sleepDref).size());
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "after-sleep"));
        // the stage comes back: realize works again (and the unregistered one no longer builds)
        f.registry.add(TestStages.withVersion(sleep, 1));
        Closure quick = f.instantiate("example-sleep", Map.of("seconds", 0.1));
        assertEquals(1, f.realizer.realize(quick, RealizeOptions.defaults()).size());
    }

    private boolean lockIsFree(DRef dref) throws Exception {
        Optional<StoreLock> l = f.store.lock(dref, Duration.ofSeconds(2));
        l.ifPresent(StoreLock::close);
        return l.isPresent();
    }

    @SuppressWarnings("unused")
    private static long count(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            return s.count();
        }
    }
}
