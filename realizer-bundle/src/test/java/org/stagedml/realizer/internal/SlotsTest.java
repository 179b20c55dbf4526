package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.RRef;
import org.stagedml.api.Resources;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** GPU and CPU slots: granted devices, clamping, and a GPU request with no GPU configured. */
class SlotsTest {
    @TempDir
    Path dir;

    /** Needs one GPU; writes the devices it was granted and holds them a while. */
    static class GpuStage implements Stage {
        @Override
        public String name() {
            return "test-gpu";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "needs a GPU";
        }

        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.string("tag", "", "distinguishes derivations"),
                    FieldSpec.integer("cpus", 1, "CPU slots wanted"));
        }

        @Override
        public Resources resources(Config config) {
            return new Resources(config.getInt("cpus"), 1, 100);
        }

        @Override
        public void build(BuildContext b) throws Exception {
            b.note("device", String.join(",", b.devices()));
            Thread.sleep(300);
            Files.writeString(b.out().resolve("devices.txt"), String.join(",", b.devices()));
        }
    }

    private static List<String> devicesOfTwoParallelBuilds(Path root, RealizerSettings settings, int cpus)
            throws Exception {
        try (Fixture f = new Fixture(root, settings)) {
            f.registry.add(new GpuStage());
            Map<String, Dependency> deps = new LinkedHashMap<>();
            deps.put("a", Dependency.on("test-gpu", Map.of("tag", "a", "cpus", cpus)));
            deps.put("b", Dependency.on("test-gpu", Map.of("tag", "b", "cpus", cpus)));
            f.registry.add(TestStages.dependent("two-gpu", deps));
            RRef top = f.realizer.realize(f.instantiate("two-gpu", Map.of()), RealizeOptions.defaults()).get(0);
            return List.of(Files.readString(f.realizer.path(top, "a", "devices.txt")),
                    Files.readString(f.realizer.path(top, "b", "devices.txt")));
        }
    }

    @Test
    void instancesBuildInParallelEachOnItsOwnGpu() throws Exception {
        try (Fixture f = new Fixture(dir.resolve("instances"), new RealizerSettings(4, 3))) {
            f.registry.add(new GpuStage() {
                @Override
                public org.stagedml.api.Matcher defaultMatcher() {
                    return org.stagedml.api.Matchers.all();
                }

                @Override
                public void build(BuildContext b) throws Exception {
                    Thread.sleep(500);
                    Files.writeString(b.out().resolve("devices.txt"), b.instance() + " " + b.devices());
                }
            });
            org.stagedml.api.realize.Closure c = f.instantiate("test-gpu", Map.of());
            long t0 = System.nanoTime();
            List<RRef> all = f.realizer.realize(c, RealizeOptions.defaults().withInstances(3));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(3, all.size());
            Set<String> contents = new HashSet<>();
            for (RRef r : all) {
                contents.add(Files.readString(f.store.path(r).resolve("devices.txt")));
            }
            assertEquals(3, contents.size(), "three distinct instances: " + contents);
            assertEquals(3, contents.stream().map(s -> s.substring(s.indexOf('['))).distinct().count(),
                    "each instance had its own GPU: " + contents);
            List<org.stagedml.api.realize.RealizeEvent> started = f.events.of(
                    org.stagedml.api.realize.RealizeEvent.Type.STARTED);
            org.stagedml.api.realize.RealizeEvent firstFinished = f.events.of(
                    org.stagedml.api.realize.RealizeEvent.Type.FINISHED).get(0);
            assertEquals(3, started.size());
            assertTrue(started.stream().allMatch(e -> e.time().isBefore(firstFinished.time())),
                    "the three instances did not run at once (" + ms + " ms)");
        }
    }

    @Test
    void eachBuildGetsItsOwnGpu() throws Exception {
        List<String> devices = devicesOfTwoParallelBuilds(dir.resolve("two"), new RealizerSettings(2, 2), 1);
        assertEquals(Set.of("gpu:0", "gpu:1"), new HashSet<>(devices));
    }

    @Test
    void oneGpuIsShared() throws Exception {
        List<String> devices = devicesOfTwoParallelBuilds(dir.resolve("one"), new RealizerSettings(4, 1), 1);
        assertEquals(List.of("gpu:0", "gpu:0"), devices);
    }

    @Test
    void noGpuConfiguredRunsOnCpu() throws Exception {
        List<String> devices = devicesOfTwoParallelBuilds(dir.resolve("none"), new RealizerSettings(1, 0), 64); // clamped to 1
        assertEquals(List.of("cpu", "cpu"), devices);
        try (Fixture f = new Fixture(dir.resolve("none"), new RealizerSettings(1, 0))) {
            f.registry.add(new GpuStage());
            RRef r = f.realizeOne("test-gpu", Map.of("tag", "a"));
            String meta = Files.readString(f.store.path(r).resolve("_meta/meta.json"));
            assertTrue(meta.contains("\"device\"") && meta.contains("cpu"), meta);
        }
    }
}
