package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.model.examples.internal.RandomStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.testing.RealizeFixture;

/** Sweeps over a real store and realizer (two CPU slots). */
class SweepsTest {
    @TempDir
    Path dir;
    RealizeFixture f;
    ScoreStage score = new ScoreStage(300);
    Sweeps sweeps;

    @BeforeEach
    void setUp() {
        f = new RealizeFixture(dir.resolve("store"), 2).add("org.stagedml.model.examples", new RandomStage(),
                new SleepStage()).add(score);
        sweeps = new Sweeps(f.realizer(), f.store());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Map<String, List<String>> grid(String key, String... values) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put(key, List.of(values));
        return g;
    }

    @Test
    void realizesEveryPointRanksByTheDefaultMetricRootsAndPlots() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        SweepResult r = sweeps.sweep(SweepSpec.grid(RandomStage.NAME, grid("seed", "11", "12", "13", "14")),
                (o, done, total) -> lines.add(done + "/" + total + " " + o.point()));
        assertEquals(4, r.ranked().size());
        assertEquals(4, lines.size());
        assertTrue(lines.contains("4/4 " + lines.get(3).substring(4)), lines.toString());
        assertEquals("accuracy", r.metric());
        assertTrue(r.maximize());
        double max = -1;
        for (SweepOutcome o : r.ranked()) {
            assertFalse(o.failed(), o.error());
            assertTrue(o.built());
            double acc = f.metrics(o.rref()).get("accuracy");
            assertEquals(acc, o.summary().mean(), 0.0);
            max = Math.max(max, acc);
        }
        SweepOutcome best = r.best().orElseThrow();
        assertEquals(max, best.summary().mean(), 0.0);
        for (int i = 1; i < r.ranked().size(); i++) {
            assertTrue(r.ranked().get(i - 1).summary().mean() >= r.ranked().get(i).summary().mean());
        }
        assertEquals("sweep-example-random-1", r.root());
        assertEquals(best.dref(), f.store().roots().get("sweep-example-random-1"));
        for (int i = 1; i <= 4; i++) {
            assertNotNull(f.store().roots().get("sweep-example-random-1." + i), "root of point " + i);
        }
        assertNotNull(r.plot());
        assertTrue(r.plot().startsWith(f.store().userFolder("plots")));
        byte[] png = Files.readAllBytes(r.plot());
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(List.of(), f.leftovers());
    }

    @Test
    void aSecondSweepBuildsNothingAndChoosesTheSameBest() throws Exception {
        SweepSpec spec = SweepSpec.grid(RandomStage.NAME, grid("seed", "11", "12", "13", "14"));
        SweepResult first = sweeps.sweep(spec, null);
        SweepResult second = sweeps.sweep(spec, null);
        assertTrue(second.ranked().stream().noneMatch(SweepOutcome::built), "everything from the store");
        assertEquals(4, f.store().realizationsOf(RandomStage.NAME).size());
        assertEquals(first.best().orElseThrow().rref(), second.best().orElseThrow().rref());
        assertEquals("sweep-example-random-2", second.root());
    }

    @Test
    void aFailingPointIsReportedAndTheOthersGoOnInParallelWithinTheSlots() throws Exception {
        SweepResult r = sweeps.sweep(SweepSpec.grid(ScoreStage.NAME, grid("x", "-1", "1", "2", "3.5")), null);
        assertEquals("loss", r.metric());
        assertFalse(r.maximize(), "best:loss:1:min ranks the lowest first");
        assertEquals(List.of("2", "1", "3.5", "-1"), r.ranked().stream().map(o -> o.point().values().get("x")).toList());
        SweepOutcome failed = r.ranked().get(3);
        assertTrue(failed.failed());
        assertTrue(failed.error().contains("x must not be negative"), failed.error());
        assertEquals(1, r.failures());
        // the failed configuration is kept under its root too (its derivation, no realization): the dashboard lists it
        assertEquals(failed.dref(), f.store().roots().get("sweep-test-score-1." + failed.point().index()));
        assertEquals(List.of(), f.store().realizations(failed.dref()));
        assertEquals(4, score.builds.get());
        assertEquals(2, score.maxRunning.get(), "four builds at once, two CPU slots");
        assertEquals(List.of(), f.leftovers());
    }

    @Test
    void instancesGiveMeanAndSpread() throws Exception {
        SweepResult r = sweeps.sweep(SweepSpec.grid(RandomStage.NAME, grid("seed", "-1")).withInstances(3), null);
        SweepOutcome o = r.ranked().get(0);
        assertEquals(3, o.summary().n());
        assertEquals(3, o.rrefs().size());
        assertTrue(Double.isFinite(o.summary().sd()));
    }

    @Test
    void anUnknownKeyOrStageFailsBeforeBuilding() {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> sweeps.sweep(SweepSpec.grid(ScoreStage.NAME, grid("y", "1", "2")), null));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
        assertThrows(StagedmlException.class, () -> sweeps.sweep(SweepSpec.grid("no-such", grid("y", "1")), null));
        assertEquals(0, score.builds.get());
        assertTrue(f.store().roots().isEmpty());
    }

    @Test
    void interruptingCancelsEveryBuildAndLeavesTheStoreClean() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                sweeps.sweep(new SweepSpec(SleepStage.NAME, grid("tag", "a", "b", "c"), 0, List.of(), 0, 1, "x"), null);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (f.leftovers().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // until builds are under way
        }
        assertFalse(f.leftovers().isEmpty(), "builds started");
        t.interrupt();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof CancelledException, String.valueOf(thrown.get()));
        assertEquals(List.of(), f.leftovers());
        assertEquals(List.of(), f.store().realizationsOf(SleepStage.NAME));
        List<RRef> none = List.of();
        assertEquals(none.size(), f.store().roots().size());
    }

    @Test
    void aCancelAfterSomeConfigurationsEndedRemovesEveryRootOfTheSweep() throws Exception {
        // a root of the user's from before the sweep, which must stay as it is
        RRef kept = f.realizer().realize(f.realizer().instantiate(RandomStage.NAME, Map.of("seed", "5")),
                org.stagedml.api.realize.RealizeOptions.defaults()).get(0);
        f.store().addRoot("mine", kept);
        Map<String, org.stagedml.api.Ref> rootsBefore = Map.copyOf(f.store().roots());
        List<RRef> realizationsBefore = f.store().realizationsOf(RandomStage.NAME).stream().map(i -> i.rref()).toList();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = sweepWithOneQuickConfiguration(thrown);
        assertFalse(f.leftovers().isEmpty(), "the slow one is building");
        t.interrupt();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof CancelledException, String.valueOf(thrown.get()));
        assertEquals(rootsBefore, f.store().roots(), "no root of the sweep is left, the user's is untouched");
        assertEquals(List.of(), f.leftovers());
        assertEquals(realizationsBefore, f.store().realizationsOf(RandomStage.NAME).stream().map(i -> i.rref()).toList());
        // what ended before the cancel is unrooted: gc takes it and the store is as it was
        assertEquals(1, f.store().realizationsOf(SleepStage.NAME).size());
        f.store().gc(false);
        assertEquals(List.of(), f.store().realizationsOf(SleepStage.NAME));
        assertEquals(realizationsBefore, f.store().realizationsOf(RandomStage.NAME).stream().map(i -> i.rref()).toList());
    }

    @Test
    void theRealizerStoppingCancelsTheSweepAndItsRootsGo() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = sweepWithOneQuickConfiguration(thrown);
        f.realizer().close(); // what the framework stopping on Ctrl-C does: every job cancelled
        t.join(20_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof CancelledException, String.valueOf(thrown.get()));
        assertEquals(Map.of(), f.store().roots(), "no root of the sweep is left (none for the cancelled configuration either)");
        assertEquals(List.of(), f.leftovers());
    }

    /**
     * Starts a sweep of two sleeps on its own thread: configuration 1 ends at once, configuration 2
     * would take a minute. Returns once configuration 1 has ended and is rooted; what the sweep
     * throws lands in {@code thrown}.
     */
    private Thread sweepWithOneQuickConfiguration(AtomicReference<Throwable> thrown) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                sweeps.sweep(new SweepSpec(SleepStage.NAME, grid("seconds", "0", "60"), 0, List.of(), 0, 1, "x"), null);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!f.store().roots().containsKey("sweep-example-sleep-1.1") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(f.store().roots().containsKey("sweep-example-sleep-1.1"), "the quick configuration ended and was rooted");
        return t;
    }
}
