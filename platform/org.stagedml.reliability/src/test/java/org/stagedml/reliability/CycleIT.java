package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.DependencyCycleException;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/** A dependency cycle (a -> b -> a) is a clear error at instantiate time, and nothing is written. */
class CycleIT {
    record Cyclic(String name, String next) implements Stage {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "depends on " + next;
        }

        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.integer("n", 1, "any number"));
        }

        @Override
        public Map<String, Dependency> dependencies(Config config) {
            return Map.of("next", Dependency.on(next, Map.of()));
        }

        @Override
        public void build(BuildContext context) {
            throw new AssertionError("a cycle must never build");
        }
    }

    @Test
    void cycleIsRefusedClearly() throws Exception {
        Path root = Support.newHome("cycle");
        FileStore store = new FileStore(root);
        StageRegistry registry = new StageRegistry();
        registry.add(new Cyclic("cycle-a", "cycle-b"), "org.stagedml.reliability", "0.1.0");
        registry.add(new Cyclic("cycle-b", "cycle-a"), "org.stagedml.reliability", "0.1.0");
        try (DefaultRealizer realizer = new DefaultRealizer(store, registry, new RealizerSettings(1, 0))) {
            DependencyCycleException e = assertThrows(DependencyCycleException.class,
                    () -> realizer.instantiate("cycle-a", Map.of()));
            assertTrue(e.getMessage().contains("cycle-a") && e.getMessage().contains("cycle-b"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            System.out.println("RELIABILITY cycle: " + e.getMessage());
        }
        assertEquals(List.of(), store.derivations());
        Map<String, String> written = new java.util.TreeMap<>(Support.snapshot(root.resolve("store-v1"), "VERSION"));
        written.remove(""); // store-v1 itself
        assertEquals(Map.of(), written, "a refused cycle wrote to the store");
    }
}
