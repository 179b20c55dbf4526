package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.DRef;
import org.stagedml.api.DependencyCycleException;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.stage.Dependency;
import org.stagedml.model.examples.internal.HelloStage;

class InstantiateTest {
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
    void unknownStageIsAClearError() {
        StageNotFoundException e = assertThrows(StageNotFoundException.class, () -> f.instantiate("no-such", Map.of()));
        assertTrue(e.getMessage().contains("'no-such'"), e.getMessage());
    }

    @Test
    void unknownDependencyStageNamesWhoNeedsIt() {
        f.registry.add(TestStages.dependent("needs-ghost", Map.of("ghost", Dependency.on("ghost-stage"))));
        StageNotFoundException e = assertThrows(StageNotFoundException.class,
                () -> f.instantiate("needs-ghost", Map.of()));
        assertTrue(e.getMessage().contains("ghost-stage") && e.getMessage().contains("needs-ghost.ghost"),
                e.getMessage());
    }

    @Test
    void unknownFieldAndWrongTypeAreClearErrors() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> f.instantiate("example-hello", Map.of("greting", "hi")));
        assertTrue(unknown.getMessage().contains("greting") && unknown.getMessage().contains("greeting"),
                unknown.getMessage());
        ConfigException wrongType = assertThrows(ConfigException.class,
                () -> f.instantiate("example-chain", Map.of("depth", "ten")));
        assertTrue(wrongType.getMessage().contains("depth") && wrongType.getMessage().contains("integer"),
                wrongType.getMessage());
        ConfigException negative = assertThrows(ConfigException.class,
                () -> f.instantiate("example-chain", Map.of("depth", "-1")));
        assertTrue(negative.getMessage().contains(">= 0"), negative.getMessage());
        ConfigException noDep = assertThrows(ConfigException.class,
                () -> f.instantiate("example-hello", Map.of("x.greeting", "hi")));
        assertTrue(noDep.getMessage().contains("no dependency 'x'"), noDep.getMessage());
    }

    @Test
    void cycleNamesItsStages() {
        f.registry.add(TestStages.dependent("cycle-a", Map.of("b", Dependency.on("cycle-b"))));
        f.registry.add(TestStages.dependent("cycle-b", Map.of("c", Dependency.on("cycle-c"))));
        f.registry.add(TestStages.dependent("cycle-c", Map.of("a", Dependency.on("cycle-a"))));
        DependencyCycleException e = assertThrows(DependencyCycleException.class,
                () -> f.instantiate("cycle-a", Map.of()));
        assertEquals(List.of("cycle-a", "cycle-b", "cycle-c", "cycle-a"), e.cycle());
        assertTrue(e.getMessage().contains("cycle-a -> cycle-b -> cycle-c -> cycle-a"), e.getMessage());
        assertTrue(f.store.derivations().isEmpty(), "a failed instantiate writes nothing");
    }

    @Test
    void chainClosureIsInDependencyOrderWithEachDerivationOnce() throws Exception {
        Closure c = f.instantiate("example-chain", Map.of("depth", "6"));
        assertEquals(7, c.nodes().size());
        assertEquals(c.target(), c.nodes().get(c.nodes().size() - 1).dref());
        Set<DRef> seen = new HashSet<>();
        for (Closure.Node n : c.nodes()) {
            assertTrue(seen.containsAll(n.dependencies().values()), "dependencies come first: " + n.dref());
            assertTrue(seen.add(n.dref()), "each derivation once");
            assertEquals(0, n.realizations());
        }
        Closure.Node target = c.node(c.target()).orElseThrow();
        assertEquals(Set.of("prev1", "prev2"), target.dependencies().keySet());
        assertEquals(target.dependencies().get("prev1").toString(),
                target.derivation().config().getString("prev1"));
        assertEquals(6, target.derivation().config().getLong("depth"));
        // only derivation documents were written
        assertEquals(7, f.store.derivations().size());
        for (String file : f.storeFiles()) {
            assertTrue(!file.contains("/") || file.endsWith("derivation.json"), "unexpected " + file);
        }
        assertTrue(f.tmpEntries().isEmpty());
        // instantiating again gives the same refs
        assertEquals(c.target(), f.instantiate("example-chain", Map.of("depth", 6)).target());
    }

    @Test
    void sameStageUnderDifferentConfigsAndSharedDependencies() {
        f.registry.add(TestStages.dependent("two-hellos", Map.of(
                "en", Dependency.on("example-hello", Map.of("greeting", "hello")),
                "fr", Dependency.on("example-hello", Map.of("greeting", "bonjour")),
                "en2", Dependency.on("example-hello"))));
        Closure c = f.instantiate("two-hellos", Map.of());
        assertEquals(3, c.nodes().size(), "en and en2 are one derivation");
        Map<String, DRef> deps = c.node(c.target()).orElseThrow().dependencies();
        assertEquals(deps.get("en"), deps.get("en2"));
        assertNotEquals(deps.get("en"), deps.get("fr"));
    }

    @Test
    void dottedOverridesGoToTheDependency() {
        f.registry.add(TestStages.dependent("greeter", Map.of("hello", Dependency.on("example-hello",
                Map.of("greeting", "hi")))));
        f.registry.add(TestStages.dependent("outer", Map.of("inner", Dependency.on("greeter"))));
        Closure plain = f.instantiate("outer", Map.of());
        Closure routed = f.instantiate("outer", Map.of("inner.hello.greeting", "bonjour", "note", "n"));
        DRef helloPlain = plain.nodes().get(0).dref();
        DRef helloRouted = routed.nodes().get(0).dref();
        assertEquals("hi", plain.nodes().get(0).derivation().config().getString("greeting"));
        assertEquals("bonjour", routed.nodes().get(0).derivation().config().getString("greeting"));
        assertNotEquals(helloPlain, helloRouted);
        assertEquals("n", routed.node(routed.target()).orElseThrow().derivation().config().getString("note"));
        ConfigException bad = assertThrows(ConfigException.class,
                () -> f.instantiate("outer", Map.of("inner.hello.nope", "x")));
        assertTrue(bad.getMessage().contains("nope"), bad.getMessage());
    }

    @Test
    void deepChainDoesNotRecurseOnTheJavaStack() throws Exception {
        // 2,000 levels on a 256 KiB stack: a walk that recursed per node would overflow it
        // (the benchmark instantiates depth=10,000 on a normal stack)
        Closure[] result = new Closure[1];
        Throwable[] error = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = f.instantiate("example-chain", Map.of("depth", 2_000));
            } catch (Throwable e) {
                error[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (error[0] != null) {
            throw new AssertionError("instantiate failed on a small stack", error[0]);
        }
        assertEquals(2_001, result[0].nodes().size());
    }

    @Test
    void versionIsPartOfTheDerivationAndDownstreamButTheBundleIsNot() {
        f.registry.add(TestStages.dependent("downstream", Map.of("hello", Dependency.on("example-hello"))));
        Closure v1 = f.instantiate("downstream", Map.of());
        // an unrelated bundle update: the same stage from a new bundle version
        HelloStage sameLogic = new HelloStage();
        f.registry.remove(f.registry.get("example-hello").stage());
        f.registry.add(sameLogic, "org.stagedml.model.examples", "0.2.0");
        assertEquals(v1.target(), f.instantiate("downstream", Map.of()).target());
        // the build logic changed: version bumped
        f.registry.remove(sameLogic);
        f.registry.add(TestStages.withVersion(new HelloStage(), 2), "org.stagedml.model.examples", "0.3.0");
        Closure v2 = f.instantiate("downstream", Map.of());
        assertNotEquals(v1.nodes().get(0).dref(), v2.nodes().get(0).dref());
        assertNotEquals(v1.target(), v2.target());
        assertEquals(2, v2.nodes().get(0).derivation().version());
    }

    @Test
    void clashingNamesAreReportedNotShadowed() {
        f.registry.add(new HelloStage(), "other.bundle", "1.0.0");
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.instantiate("example-hello", Map.of()));
        assertTrue(e.getMessage().contains("several bundles") && e.getMessage().contains("other.bundle"),
                e.getMessage());
        assertEquals(List.of("example-hello"), List.copyOf(f.realizer.clashes().keySet()));
        assertFalse(f.realizer.stage("example-hello").isPresent());
        assertTrue(f.realizer.stages().stream().noneMatch(s -> s.name().equals("example-hello")));
    }

    @Test
    void stageInfoDescribesTheStage() {
        StageInfo chain = f.realizer.stage("example-chain").orElseThrow();
        assertEquals("org.stagedml.model.examples", chain.bundle());
        assertEquals("0.1.0", chain.bundleVersion());
        assertEquals(1, chain.version());
        assertEquals(10, chain.defaultConfig().getLong("depth"));
        assertEquals(Map.of("prev1", "example-chain", "prev2", "example-chain"), chain.dependencies());
        assertEquals("best:accuracy", f.realizer.stage("example-random").orElseThrow().defaultMatcher());
        assertEquals(List.of("example-chain", "example-fail", "example-hello", "example-random", "example-sleep"),
                f.realizer.stages().stream().map(StageInfo::name).toList());
    }

    @Test
    void dryRunListsWhatWouldBeBuiltAndBuildsNothing() throws Exception {
        f.realizeOne("example-chain", Map.of("depth", 3));
        Closure c = f.instantiate("example-chain", Map.of("depth", 5));
        RealizeJob job = f.realizer.submit(c, RealizeOptions.defaults().withDryRun(true));
        assertEquals(List.of(), job.await());
        // depths 0..3 exist; 4 and 5 would be built
        assertEquals(List.of(c.nodes().get(4).dref(), c.nodes().get(5).dref()), job.built());
        assertEquals(4, job.selected().size());
        assertEquals(0, f.store.realizations(c.target()).size());
        assertEquals(1, c.nodes().get(3).realizations());
    }
}
