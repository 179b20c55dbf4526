package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Dependency;

class RealizeTest {
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
    void helloBuildsThenIsServedFromTheStore() throws Exception {
        RRef first = f.realizeOne("example-hello", Map.of("greeting", "hi"));
        assertEquals("hi\n", Files.readString(f.store.path(first).resolve("hello.txt")));
        assertEquals(1, f.events.count(RealizeEvent.Type.STARTED, "example-hello"));
        assertEquals(1, f.events.count(RealizeEvent.Type.FINISHED, "example-hello"));
        assertTrue(Files.isRegularFile(f.store.path(first).resolve("_meta/build.log")));
        f.events.clear();
        RRef second = f.realizeOne("example-hello", Map.of("greeting", "hi"));
        assertEquals(first, second);
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "example-hello"));
        assertEquals(1, f.events.count(RealizeEvent.Type.CACHED, "example-hello"));
        RealizationInfo info = f.store.realization(first).orElseThrow();
        assertEquals("org.stagedml.model.examples", info.bundle());
        assertTrue(f.tmpEntries().isEmpty(), "tmp is clean: " + f.tmpEntries());
    }

    @Test
    void chainReadsItsDependencies() throws Exception {
        Closure c = f.instantiate("example-chain", Map.of("depth", 12));
        RealizeJob job = f.realizer.submit(c, RealizeOptions.defaults());
        RRef top = job.await().get(0);
        assertEquals("144", Files.readString(f.store.path(top).resolve("value.txt")).trim()); // fib(12)
        assertEquals(13, job.built().size());
        assertEquals(13, job.selected().size());
        // the realization's context names the realizations its build read
        Map<DRef, List<RRef>> context = f.store.realization(top).orElseThrow().context();
        Closure.Node node = c.node(c.target()).orElseThrow();
        assertEquals(job.selected().get(node.dependencies().get("prev1")), context.get(node.dependencies().get("prev1")));
        // deterministic: a forced rebuild gives the same realization (the store deduplicates)
        f.events.clear();
        List<RRef> again = f.realizer.realize(c, RealizeOptions.defaults().withForce("example-chain"));
        assertEquals(List.of(top), again);
        assertEquals(13, f.events.count(RealizeEvent.Type.STARTED, "example-chain"));
        assertEquals(1, f.store.realizations(c.target()).size());
    }

    @Test
    void forceRebuildsOnlyTheChosenDerivation() throws Exception {
        f.registry.add(TestStages.dependent("over-random", Map.of("r", Dependency.on("example-random"))));
        Closure c = f.instantiate("over-random", Map.of());
        f.realizer.realize(c, RealizeOptions.defaults());
        f.events.clear();
        f.realizer.realize(c, RealizeOptions.defaults().withForce(c.target().toString()));
        assertEquals(1, f.events.count(RealizeEvent.Type.STARTED, "over-random"));
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "example-random"));
        assertEquals(1, f.events.count(RealizeEvent.Type.CACHED, "example-random"));
        f.events.clear();
        // forcing the dependency gives it a new realization, so the dependent is rebuilt against it
        f.realizer.realize(c, RealizeOptions.defaults().withForce("example-random"));
        assertEquals(1, f.events.count(RealizeEvent.Type.STARTED, "example-random"));
        assertEquals(2, f.store.realizations(c.nodes().get(0).dref()).size());
    }

    @Test
    void instancesAndMatchers() throws Exception {
        Closure c = f.instantiate("example-random", Map.of());
        DRef d = c.target();
        List<RRef> best = f.realizer.realize(c, RealizeOptions.defaults().withInstances(4));
        List<RealizationInfo> all = f.store.realizations(d);
        assertEquals(4, all.size());
        assertEquals(4, f.events.count(RealizeEvent.Type.STARTED, "example-random"));
        // default matcher: best:accuracy (highest)
        RealizationInfo top = all.stream().max(Comparator.comparingDouble(r -> r.metrics().get("accuracy"))).orElseThrow();
        assertEquals(List.of(top.rref()), best);
        // best, lowest two
        List<RRef> lowest = f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.best("accuracy", 2, false)));
        assertEquals(all.stream().sorted(Comparator.comparingDouble(r -> r.metrics().get("accuracy")))
                .limit(2).map(RealizationInfo::rref).toList(), lowest);
        // latest 2: the two most recently finished
        List<RRef> latest = f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.latest(2)));
        assertEquals(Set.of(all.get(3).rref(), all.get(2).rref()), new HashSet<>(latest));
        // all
        assertEquals(4, f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.all())).size());
        // some(3): three of them, nothing built
        assertEquals(3, f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.some(3))).size());
        // exact
        assertEquals(List.of(all.get(1).rref()),
                f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.exact(Set.of(all.get(1).rref())))));
        assertEquals(4, f.events.count(RealizeEvent.Type.STARTED, "example-random"), "matching built nothing");
        // latest(6) asks for two more builds
        assertEquals(6, f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.latest(6))).size());
        assertEquals(6, f.store.realizations(d).size());
        // only: an error with several
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.only())));
        assertTrue(e.getMessage().contains("only"), e.getMessage());
        // exact naming a realization that does not exist
        RRef ghost = RRef.of("0".repeat(32), d);
        StagedmlException missing = assertThrows(StagedmlException.class,
                () -> f.realizer.realize(c, RealizeOptions.defaults().withMatcher(Matchers.exact(Set.of(ghost)))));
        assertTrue(missing.getMessage().contains(ghost.toString()), missing.getMessage());
    }

    @Test
    void realizationsBuiltAgainstOtherDependencyRealizationsDoNotCount() throws Exception {
        f.registry.add(TestStages.dependent("over-random", Map.of("r", Dependency.on("example-random"))));
        Closure c = f.instantiate("over-random", Map.of());
        RRef first = f.realizer.realize(c, RealizeOptions.defaults()).get(0);
        // a new, better realization of the dependency: the dependent must be built against it
        DRef random = c.nodes().get(0).dref();
        RRef used = f.store.realization(first).orElseThrow().context().get(random).get(0);
        RRef second;
        do {
            f.realizer.realize(f.instantiate("example-random", Map.of()), RealizeOptions.defaults().withForce("example-random"));
            second = f.realizer.realize(c, RealizeOptions.defaults()).get(0);
        } while (f.realizer.realize(f.instantiate("example-random", Map.of()), RealizeOptions.defaults()).get(0).equals(used));
        assertNotEquals(first, second);
        assertEquals(f.realizer.realize(f.instantiate("example-random", Map.of()), RealizeOptions.defaults()).get(0),
                f.store.realization(second).orElseThrow().context().get(random).get(0));
    }

    @Test
    void listenerThatThrowsIsIgnored() throws Exception {
        f.realizer.addListener(e -> {
            throw new IllegalStateException("bad listener");
        });
        List<RealizeEvent> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<RRef> r = f.realizer.realize(f.instantiate("example-sleep", Map.of("seconds", 0.3)),
                RealizeOptions.defaults().withListener(mine::add));
        assertEquals(1, r.size());
        List<RealizeEvent.Type> types = mine.stream().map(RealizeEvent::type).toList();
        assertEquals(RealizeEvent.Type.STARTED, types.get(0));
        assertTrue(types.contains(RealizeEvent.Type.PROGRESS) && types.contains(RealizeEvent.Type.LOG), types.toString());
        assertEquals(RealizeEvent.Type.FINISHED, types.get(types.size() - 1));
        assertTrue(mine.stream().filter(e -> e.type() == RealizeEvent.Type.PROGRESS)
                .allMatch(e -> e.fraction() >= 0 && e.fraction() <= 1));
    }

    @Test
    void navigationThroughDependencies() throws Exception {
        RRef top = f.realizeOne("example-chain", Map.of("depth", 4));
        assertEquals(4, f.realizer.configValue(top, "depth").asInt());
        assertEquals(3, f.realizer.configValue(top, "prev1.depth").asInt());
        assertEquals(1, f.realizer.configValue(top, "prev1.prev2.depth").asInt());
        RRef prev1 = f.realizer.dependency(top, "prev1");
        assertEquals("example-chain", prev1.name());
        assertEquals(f.store.realization(top).orElseThrow().context().values().stream()
                .flatMap(List::stream).filter(r -> r.equals(prev1)).count(), 1);
        Path value = f.realizer.path(top, "prev1.prev1", "value.txt");
        assertEquals("1", Files.readString(value).trim()); // fib(2)
        assertEquals(f.store.path(top), f.realizer.path(top, "", ""));
        StagedmlException notDep = assertThrows(StagedmlException.class, () -> f.realizer.configValue(top, "depth.x"));
        assertTrue(notDep.getMessage().contains("not a dependency"), notDep.getMessage());
        assertThrows(StagedmlException.class, () -> f.realizer.configValue(top, "nope"));
        assertThrows(StagedmlException.class, () -> f.realizer.path(top, "prev1", "missing.txt"));

        RRef random = f.realizeOne("example-random", Map.of("seed", 7));
        Map<String, Double> metrics = f.realizer.metrics(random);
        assertEquals(Set.of("score", "accuracy"), metrics.keySet());
        assertEquals(5, Files.readAllLines(f.realizer.path(random, "", "history.jsonl")).size());
        // seeded: deterministic, same realization again
        assertEquals(random, f.realizer.realize(f.instantiate("example-random", Map.of("seed", 7)),
                RealizeOptions.defaults().withForce("example-random")).get(0));
    }

    @Test
    void aBuildWithoutItsPromisedOutputFailsAndCommitsNothing() throws Exception {
        f.registry.add(new org.stagedml.api.stage.Stage() {
            @Override
            public String name() {
                return "broken-promise";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public String description() {
                return "promises a file it never writes";
            }

            @Override
            public org.stagedml.api.ConfigSchema schema() {
                return org.stagedml.api.ConfigSchema.of();
            }

            @Override
            public List<String> promises(org.stagedml.api.Config config) {
                return List.of("model.bin");
            }

            @Override
            public void build(org.stagedml.api.stage.BuildContext b) throws Exception {
                Files.writeString(b.out().resolve("other.txt"), "x");
                assertEquals("", b.configValue("").toString().replace("{}", ""));
            }
        });
        Closure c = f.instantiate("broken-promise", Map.of());
        org.stagedml.api.BuildFailedException e = assertThrows(org.stagedml.api.BuildFailedException.class,
                () -> f.realizer.realize(c, RealizeOptions.defaults()));
        assertTrue(e.getMessage().contains("broken-promise") && e.getMessage().contains("model.bin"), e.getMessage());
        assertEquals(0, f.store.realizations(c.target()).size());
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
    }

    @org.stagedml.api.stage.StageProperties(name = "unsure", version = 1, description = "cannot say what it needs")
    static final class Unsure implements org.stagedml.api.stage.Stage {
        @Override
        public org.stagedml.api.ConfigSchema schema() {
            return org.stagedml.api.ConfigSchema.of();
        }

        @Override
        public org.stagedml.api.Resources resources(org.stagedml.api.Config config) {
            throw new IllegalStateException("no engine to ask");
        }

        @Override
        public void build(org.stagedml.api.stage.BuildContext b) throws Exception {
            Files.writeString(b.out().resolve("built.txt"), "should not happen");
        }
    }

    @Test
    void aStageWhoseResourcesThrowFailsTheBuildWithThatError() throws Exception {
        f.registry.add(new Unsure(), "test.bundle", "1.0.0");
        Closure c = f.instantiate("unsure", Map.of());
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.realizer.realize(c, RealizeOptions.defaults()));
        assertTrue(e.getMessage().contains("'unsure'") && e.getMessage().contains(c.target().toString())
                && e.getMessage().contains("no engine to ask"), e.getMessage());
        assertEquals(0, f.events.count(RealizeEvent.Type.STARTED, "unsure"), "the build never started");
        assertEquals(1, f.events.count(RealizeEvent.Type.FAILED, "unsure"), "one FAILED event");
        assertEquals(0, f.store.realizations(c.target()).size());
        assertTrue(f.tmpEntries().isEmpty(), "tmp left: " + f.tmpEntries());
        // what the listing shows: the stage, and why its resources are unknown, not a made-up default
        org.stagedml.api.realize.StageInfo info = f.realizer.stage("unsure").orElseThrow();
        assertEquals(null, info.resources());
        assertTrue(info.problem().contains("no engine to ask"), info.problem());
        assertEquals("", f.realizer.stage("example-hello").orElseThrow().problem());
    }

    @Test
    void exampleFailSucceedsWhenAskedTo() throws Exception {
        RRef ok = f.realizeOne("example-fail", Map.of("fail", "false"));
        assertTrue(Files.isRegularFile(f.store.path(ok).resolve("ok.txt")));
    }

    @Test
    void gpuRequestWithoutGpusRunsOnCpuAndDevicesAreRecorded() throws Exception {
        RRef r = f.realizeOne("example-hello", Map.of());
        RealizationInfo info = f.store.realization(r).orElseThrow();
        String meta = Files.readString(info.path().resolve("_meta/meta.json"));
        assertTrue(meta.contains("cpu"), meta);
    }
}
