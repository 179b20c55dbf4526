package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.ConfigException;
import org.stagedml.api.RRef;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;

class StageShellTest {
    @TempDir
    Path root;
    ShellFixture f;

    @BeforeEach
    void setUp() {
        f = new ShellFixture(root);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void listShowsEveryStageWithBundleVersionAndDescription() throws Exception {
        String out = ShellFixture.capture(o -> f.stages.list(o));
        assertTrue(out.startsWith("STAGE"), out);
        for (String s : List.of("example-hello", "example-chain", "example-random", "example-fail", "example-sleep")) {
            assertTrue(out.contains(s), s + " missing in\n" + out);
        }
        String hello = out.lines().filter(l -> l.startsWith("example-hello")).findFirst().orElseThrow();
        assertTrue(hello.contains("org.stagedml.model.examples 0.1.0"), hello);
    }

    @Test
    void showGivesSchemaDefaultsDocsDependenciesMatcherResources() throws Exception {
        String out = ShellFixture.capture(o -> f.stages.show(o, "example-chain"));
        assertTrue(out.contains("depth"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("depth") && l.contains("integer") && l.contains("10")), out);
        assertTrue(out.contains("prev1") && out.contains("prev2"), out);
        assertTrue(out.contains("matcher:     latest"), out);
        assertTrue(out.contains("resources:   cpus=1 gpus=0"), out);
        String random = ShellFixture.capture(o -> f.stages.show(o, "example-random"));
        assertTrue(random.contains("best:accuracy"), random);
    }

    @Test
    void unknownStageIsOneClearLine() {
        StageNotFoundException e = assertThrows(StageNotFoundException.class,
                () -> ShellFixture.capture(o -> f.stages.show(o, "no-such-stage")));
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(StageNotFoundException.class, () -> f.realize("no-such-stage", false));
    }

    @Test
    void instantiateSaysWhatWouldBuildThenWhatIsInTheStore() throws Exception {
        String before = ShellFixture.capture(o -> f.stages.instantiate(o, "example-chain", Map.of("depth", "3")));
        assertTrue(before.contains("4 derivation(s)"), before);
        assertEquals(4, before.lines().filter(l -> l.contains("would build")).count() - 1, before); // + summary
        assertTrue(before.contains("prev1 -> dref:"), before);
        assertTrue(f.store.realizationsOf("example-chain").isEmpty(), "instantiate must not build");
        f.realize("example-chain", false, "depth=3");
        String after = ShellFixture.capture(o -> f.stages.instantiate(o, "example-chain", Map.of("depth", "3")));
        assertEquals(4, after.lines().filter(l -> l.contains("in store (1 realization)")).count(), after);
        assertTrue(after.contains("nothing to build"), after);
    }

    @Test
    void realizePrintsPlainProgressAndTheRrefLast() throws Exception {
        String out = f.realize("example-random", false);
        RRef r = RRef.parse(ShellFixture.lastLine(out));
        assertEquals("example-random", r.name());
        assertTrue(out.contains("started    dref:"), out);
        assertTrue(out.contains("built      " + r), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+\\d+% example-random: step \\d/5")), out);
        assertTrue(f.store.realization(r).isPresent());
        assertTrue(out.contains("root       last-example-random -> " + r.dref()), out);
        assertEquals(r.dref(), f.store.roots().get("last-example-random"));

        String again = f.realize("example-random", false);
        assertEquals(r, RRef.parse(ShellFixture.lastLine(again)));
        assertTrue(again.contains("from store " + r), again);

        String forced = f.realize("example-random", true);
        RRef built = RRef.parse(forced.lines().filter(l -> l.startsWith("built")).findFirst().orElseThrow().substring(11));
        assertNotEquals(r, built);
        assertEquals(2, f.store.realizationsOf("example-random").size());
        // the default matcher (best:accuracy) picks among both: that is what is printed last
        RRef best = f.store.realizationsOf("example-random").stream()
                .max(java.util.Comparator.comparing(x -> x.metrics().get("accuracy"))).orElseThrow().rref();
        assertEquals(best, RRef.parse(ShellFixture.lastLine(forced)));
    }

    @Test
    void progressLinesAreThrottledToTenPercentSteps() throws Exception {
        String out = f.realize("example-sleep", false, "seconds=1");
        long lines = out.lines().filter(l -> l.matches("\\s+\\d+% example-sleep.*")).count();
        assertTrue(lines >= 3 && lines <= 10, lines + " progress lines:\n" + out);
    }

    @Test
    void instancesMatchAndForceAll() throws Exception {
        String out = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-random",
                Map.of(), false, false, 3, "latest:3", false), false));
        List<String> tail = out.lines().toList().subList((int) out.lines().count() - 3, (int) out.lines().count());
        tail.forEach(RRef::parse); // the three selected rrefs come last
        assertEquals(3, f.store.realizationsOf("example-random").size());

        f.realize("example-chain", false, "depth=2");
        String again = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-chain",
                Map.of("depth", "2"), false, false, 1, "", false), false));
        assertEquals(0, again.lines().filter(l -> l.startsWith("built")).count(), again);
        String target = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-chain",
                Map.of("depth", "2"), true, false, 1, "", false), false));
        assertEquals(1, target.lines().filter(l -> l.startsWith("built")).count(),
                "--force rebuilds the target only, not its dependencies of the same stage:\n" + target);
        String forced = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-chain",
                Map.of("depth", "2"), false, true, 1, "", false), false));
        assertEquals(3, forced.lines().filter(l -> l.startsWith("built")).count(), "force-all rebuilds every node:\n" + forced);
    }

    @Test
    void badMatcherAndBadOverrideAreClearErrors() {
        StagedmlException m = assertThrows(StagedmlException.class, () -> ShellFixture.capture(o -> f.stages.realize(o,
                new StageShell.RealizeRequest("example-random", Map.of(), false, false, 1, "bestest", false), false)));
        assertTrue(m.getMessage().contains("invalid matcher 'bestest'"), m.getMessage());
        assertThrows(ConfigException.class, () -> f.realize("example-chain", false, "depth=abc"));
        assertThrows(ConfigException.class, () -> f.realize("example-chain", false, "nosuchfield=1"));
    }

    @Test
    void dryRunBuildsNothing() throws Exception {
        String out = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-chain",
                Map.of("depth", "2"), false, false, 1, "", true), false));
        assertTrue(out.contains("dry run: 3 derivation(s) would build"), out);
        assertTrue(f.store.realizationsOf("example-chain").isEmpty());
        assertTrue(f.store.roots().isEmpty(), "a dry run sets no root");
    }

    @Test
    void aFailedBuildSaysSoAndLeavesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BuildFailedException e = assertThrows(BuildFailedException.class, () -> f.stages.realize(out,
                new StageShell.RealizeRequest("example-fail", Map.of(), false, false, 1, "", false), false));
        assertTrue(e.getMessage().contains("failed on purpose"), e.getMessage());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("failed     dref:"), bytes.toString());
        assertTrue(f.store.realizationsOf("example-fail").isEmpty());
    }

    @Test
    void interruptingTheCommandCancelsTheBuildCleanly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread command = new Thread(() -> {
            try {
                f.stages.realize(out, new StageShell.RealizeRequest("example-sleep", Map.of("seconds", "30"), false,
                        false, 1, "", false), false);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        command.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!bytes.toString(StandardCharsets.UTF_8).contains("%") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("started"), bytes.toString());
        long t0 = System.nanoTime();
        command.interrupt(); // what Gogo does on Ctrl-C
        command.join(20_000);
        assertFalse(command.isAlive());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "cancel took too long");
        assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("cancelled: realize of example-sleep"), bytes.toString());
        assertTrue(f.store.realizationsOf("example-sleep").isEmpty());
    }

    @Test
    void terminalModeDrawsBarsAndStillEndsWithTheRref() throws Exception {
        String out = ShellFixture.capture(o -> f.stages.realize(o, new StageShell.RealizeRequest("example-sleep",
                Map.of("seconds", "0.6"), false, false, 1, "", false), true));
        assertTrue(out.contains("example-sleep") && out.contains("[#"), out);
        assertTrue(out.contains("\033["), "ANSI redraw expected");
        RRef.parse(ShellFixture.lastLine(out));
    }

    @Test
    void enginesWithoutEnginesSaysSo() throws Exception {
        assertEquals("no engine services registered", ShellFixture.capture(o -> f.stages.engines(o)).strip());
    }

    @Test
    void enginesListNameVersionBackendDevicesAndSurviveNativeErrors() throws Exception {
        StageShell shell = new StageShell(f.realizer, null, () -> List.of(
                new TestEngine("TensorFlow", "1.1.0 (native 2.18.0)", "cpu", null),
                new TestEngine("ND4J", "1.0.0-M2.1", "cpu", new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"))));
        String out = ShellFixture.capture(shell::engines);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("TensorFlow") && l.contains("1.1.0 (native 2.18.0)")
                && l.contains("cpu") && l.contains("/device:CPU:0")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ND4J") && l.contains("unavailable: no jnind4jcpu")), out);
    }

    /** An engine as the engine bundles register it; devices() may fail loading natives. */
    private record TestEngine(String name, String version, String backend, Error failure)
            implements org.stagedml.api.engine.Engine {
        @Override
        public List<String> devices() {
            if (failure != null) {
                throw failure;
            }
            return List.of("/device:CPU:0");
        }
    }
}
