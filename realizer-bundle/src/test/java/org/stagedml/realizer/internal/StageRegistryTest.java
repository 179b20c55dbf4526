package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.StageSummary;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * Stages known by their service properties, as RealizerComponent registers them: each registration
 * is a key (its ServiceReference there, a plain object here), a map of properties, and a supplier
 * that stands for getting the service (which activates a DS delayed component).
 */
class StageRegistryTest {
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

    @StageProperties(name = "word-count", version = 3, description = "Counts words")
    static final class WordCount implements Stage {
        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of();
        }

        @Override
        public void build(BuildContext b) throws Exception {
            Files.writeString(b.out().resolve("count.txt"), "0");
        }
    }

    /** Stands for a service registration: the service is "activated" (counted) when got. */
    static final class Registration {
        final Object key = new Object();
        final Map<String, Object> properties = new HashMap<>();
        final AtomicInteger activations = new AtomicInteger();
        final Supplier<Stage> service;

        Registration(String name, Object version, String description, Supplier<Stage> stage) {
            if (name != null) {
                properties.put(StageProperties.NAME, name);
            }
            if (version != null) {
                properties.put(StageProperties.VERSION, version);
            }
            if (description != null) {
                properties.put(StageProperties.DESCRIPTION, description);
            }
            service = () -> {
                activations.incrementAndGet();
                return stage.get();
            };
        }

        Optional<RegisteredStage> read(String bundle) {
            return StageServiceProperties.read(key, properties::get, bundle, "1.0.0", service);
        }
    }

    @Test
    void aStageKnownByItsPropertiesIsListedWithoutActivationAndActivatedOnceWhenBuilt() throws Exception {
        Registration r = new Registration("word-count", 3, "Counts words", WordCount::new);
        assertTrue(f.registry.add(r.read("org.example.words").orElseThrow()));

        StageSummary summary = f.realizer.stageSummaries().stream().filter(s -> s.name().equals("word-count"))
                .findFirst().orElseThrow();
        assertEquals(new StageSummary("word-count", 3, "org.example.words", "1.0.0", "Counts words"), summary);
        assertEquals(6, f.realizer.stageSummaries().size());
        assertTrue(f.registry.find("word-count").isPresent());
        assertTrue(f.realizer.clashes().isEmpty());
        assertEquals(0, r.activations.get(), "listing and finding activate nothing");

        assertEquals(3, f.realizer.stage("word-count").orElseThrow().version(), "details ask the stage");
        assertEquals(1, r.activations.get());
        RRef built = f.realizeOne("word-count", Map.of());
        assertEquals(1, r.activations.get(), "the service is got once");
        assertEquals(3, f.store.realization(built).orElseThrow().stageVersion());
        assertEquals("org.example.words", f.store.realization(built).orElseThrow().bundle());
    }

    @Test
    void theAnnotationNamesAStageWhoseClassHasNoGetters() throws Exception {
        f.registry.add(new WordCount(), "org.example.words", "1.0.0");
        assertEquals("Counts words", f.registry.get("word-count").description());
        assertEquals(3, f.registry.get("word-count").version());
        assertEquals("0", Files.readString(f.store.path(f.realizeOne("word-count", Map.of())).resolve("count.txt")));
    }

    @Test
    void aRegistrationWithoutPropertiesIsLeftToTheGetters() {
        Registration r = new Registration(null, null, null, WordCount::new);
        assertTrue(r.read("third.party").isEmpty());
        assertEquals(0, r.activations.get());
    }

    @Test
    void malformedPropertiesAreClearErrors() {
        StagedmlException noVersion = assertThrows(StagedmlException.class,
                () -> new Registration("word-count", null, null, WordCount::new).read("b"));
        assertTrue(noVersion.getMessage().contains(StageProperties.VERSION), noVersion.getMessage());
        StagedmlException badVersion = assertThrows(StagedmlException.class,
                () -> new Registration("word-count", "three", null, WordCount::new).read("b"));
        assertTrue(badVersion.getMessage().contains("'three'") && badVersion.getMessage().contains("word-count"),
                badVersion.getMessage());
        assertEquals(7, new Registration("word-count", " 7 ", null, WordCount::new).read("b").orElseThrow().version(),
                "a version from a configuration comes as a String");
        assertEquals(8, new Registration("word-count", 8L, null, WordCount::new).read("b").orElseThrow().version());
        assertThrows(StagedmlException.class, () -> new Registration("word-count", 2.5, null, WordCount::new).read("b"));
        assertThrows(StagedmlException.class, () -> new Registration("", 1, null, WordCount::new).read("b"));
        assertFalse(f.registry.add(RegisteredStage.lazy(new Object(), "Not A Name!", 1, "", "b", "1", WordCount::new)));
        assertTrue(f.registry.find("Not A Name!").isEmpty());
    }

    @Test
    void twoRegistrationsOfOneNameClashUntilOneGoesAwayAndNeitherIsActivated() throws Exception {
        Registration a = new Registration("word-count", 3, "", WordCount::new);
        Registration b = new Registration("word-count", 4, "", WordCount::new);
        f.registry.add(a.read("bundle.a").orElseThrow());
        f.registry.add(b.read("bundle.b").orElseThrow());
        assertEquals(Map.of("word-count", List.of("bundle.a 1.0.0", "bundle.b 1.0.0")), f.realizer.clashes());
        assertTrue(f.realizer.stageSummaries().stream().noneMatch(s -> s.name().equals("word-count")));
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.instantiate("word-count", Map.of()));
        assertTrue(e.getMessage().contains("bundle.a") && e.getMessage().contains("bundle.b"), e.getMessage());

        List<String> removed = new ArrayList<>();
        f.registry.onRemoval(gone -> removed.add(gone.describeBundle()));
        f.registry.remove(a.key);
        assertEquals(List.of("bundle.a 1.0.0"), removed);
        assertTrue(f.realizer.clashes().isEmpty());
        assertEquals(4, f.registry.get("word-count").version());
        assertEquals(0, a.activations.get() + b.activations.get());
        f.registry.remove(b.key);
        assertTrue(f.registry.find("word-count").isEmpty());
    }

    @Test
    void aServiceThatCannotBeGotFailsItsBuildByName() throws Exception {
        Registration gone = new Registration("word-count", 3, "", () -> null);
        f.registry.add(gone.read("org.example.words").orElseThrow());
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.instantiate("word-count", Map.of()));
        assertTrue(e.getMessage().contains("word-count") && e.getMessage().contains("org.example.words"), e.getMessage());
        assertTrue(f.realizer.stageSummaries().stream().anyMatch(s -> s.name().equals("word-count")),
                "still listed: its registration is there");
    }
}
