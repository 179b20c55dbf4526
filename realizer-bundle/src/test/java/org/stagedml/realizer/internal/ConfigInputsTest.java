package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.DRef;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.LocalInput;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** PATH fields hashed into the derivation, and STAGE fields choosing which stage fills a dependency. */
class ConfigInputsTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir.resolve("store"));
        f.registry.add(lines("lines", List.of("lines")));
        f.registry.add(lines("other-lines", List.of("lines")));
        f.registry.add(lines("no-layout", List.of()));
        f.registry.add(consumer());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Copies the file named by PATH field {@code file} (or writes {@code text}) to out/lines.txt. */
    static Stage lines(String name, List<String> provides) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public String description() {
                return "test: lines from a file";
            }

            @Override
            public ConfigSchema schema() {
                return ConfigSchema.of(FieldSpec.path("file", "", "a local file"), FieldSpec.string("text", "x", "text"));
            }

            @Override
            public List<String> provides() {
                return provides;
            }

            @Override
            public void build(BuildContext b) throws Exception {
                String file = b.config().getString("file");
                Files.writeString(b.out().resolve("lines.txt"),
                        file.isEmpty() ? b.config().getString("text") : Files.readString(Path.of(file)));
            }
        };
    }

    /** Counts the lines of whatever stage its {@code data} field chooses (default {@code lines}). */
    static Stage consumer() {
        return new Stage() {
            @Override
            public String name() {
                return "count-lines";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public String description() {
                return "test: counts lines";
            }

            @Override
            public ConfigSchema schema() {
                return ConfigSchema.of(FieldSpec.stage("data", "lines", List.of("lines"), "where the lines come from"),
                        FieldSpec.string("text", "from-consumer", "passed to the lines stage"));
            }

            @Override
            public Map<String, Dependency> dependencies(Config config) {
                // the stage adds overrides only for the stage it knows
                return config.getString("data").equals("lines")
                        ? Map.of("data", Dependency.on("lines", Map.of("text", config.getString("text"))))
                        : Map.of();
            }

            @Override
            public void build(BuildContext b) throws Exception {
                long n = Files.readAllLines(b.dependencyPath("data").resolve("lines.txt")).size();
                Files.writeString(b.out().resolve("count.txt"), Long.toString(n));
            }
        };
    }

    @Test
    void aLocalFileIsHashedIntoTheDerivationAndAnEditMakesANewOne() throws Exception {
        Path file = dir.resolve("in.txt");
        Files.writeString(file, "a\nb\n");
        Closure c1 = f.instantiate("lines", Map.of("file", file.toString()));
        Config config = c1.nodes().get(0).derivation().config();
        assertEquals(LocalInput.sha256(file), config.getString("file_sha256"));
        assertEquals(64, config.getString("file_sha256").length());
        assertEquals(file.toAbsolutePath().toString(), config.getString("file"));
        assertEquals(c1.target(), f.instantiate("lines", Map.of("file", file.toString())).target(), "same content, same derivation");
        RRef r = f.realizeOne("lines", Map.of("file", file.toString()));
        assertEquals("a\nb\n", Files.readString(f.store.path(r).resolve("lines.txt")));

        Files.writeString(file, "a\nb\nc\n");
        DRef edited = f.instantiate("lines", Map.of("file", file.toString())).target();
        assertNotEquals(c1.target(), edited, "an edited file must make a new derivation");
    }

    @Test
    void aFolderIsHashedByItsFilesNamesAndContents() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("imgs/a"));
        Files.writeString(folder.resolve("1.txt"), "one");
        String h1 = LocalInput.sha256(dir.resolve("imgs"));
        Files.writeString(folder.resolve("1.txt"), "two");
        String h2 = LocalInput.sha256(dir.resolve("imgs"));
        Files.move(folder.resolve("1.txt"), folder.resolve("2.txt"));
        String h3 = LocalInput.sha256(dir.resolve("imgs"));
        assertNotEquals(h1, h2);
        assertNotEquals(h2, h3);
        Files.move(folder.resolve("2.txt"), folder.resolve("1.txt"));
        assertEquals(h2, LocalInput.sha256(dir.resolve("imgs")), "timestamps do not count");
    }

    @Test
    void aMissingFileIsAClearError() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> f.instantiate("lines", Map.of("file", dir.resolve("nope.csv").toString())));
        assertTrue(missing.getMessage().contains("nope.csv") && missing.getMessage().contains("'file'"), missing.getMessage());
    }

    @Test
    void urlsAndEmptyPathsAreLeftAlone() {
        Config c = f.instantiate("lines", Map.of("file", "https://example.org/x.csv")).nodes().get(0).derivation().config();
        assertEquals("https://example.org/x.csv", c.getString("file"));
        assertTrue(!c.has("file_sha256"));
    }

    @Test
    void aStageFieldChoosesTheDependencyWithDottedOverrides() throws Exception {
        Closure byDefault = f.instantiate("count-lines", Map.of());
        Closure.Node root = byDefault.node(byDefault.target()).orElseThrow();
        DRef dep = root.dependencies().get("data");
        assertEquals("lines", dep.name());
        assertEquals(dep.toString(), root.derivation().config().getString("data"), "the config holds the dependency's dref");
        assertEquals("from-consumer", byDefault.node(dep).orElseThrow().derivation().config().getString("text"));

        Path file = dir.resolve("three.txt");
        Files.writeString(file, "1\n2\n3\n");
        RRef r = f.realizeOne("count-lines", Map.of("data", "other-lines", "data.file", file.toString()));
        assertEquals("3", Files.readString(f.store.path(r).resolve("count.txt")));
        Closure chosen = f.instantiate("count-lines", Map.of("data", "other-lines", "data.text", "y"));
        DRef other = chosen.node(chosen.target()).orElseThrow().dependencies().get("data");
        assertEquals("other-lines", other.name());
        assertEquals("y", chosen.node(other).orElseThrow().derivation().config().getString("text"));
    }

    @Test
    void unknownAndIncompatibleStagesAreClearErrors() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> f.instantiate("count-lines", Map.of("data", "no-such-stage")));
        assertTrue(unknown.getMessage().contains("data=no-such-stage") && unknown.getMessage().contains("lines, other-lines"),
                unknown.getMessage());
        ConfigException incompatible = assertThrows(ConfigException.class,
                () -> f.instantiate("count-lines", Map.of("data", "no-layout")));
        assertTrue(incompatible.getMessage().contains("accepts [lines]") && incompatible.getMessage().contains("'no-layout'"),
                incompatible.getMessage());
        ConfigException badDotted = assertThrows(ConfigException.class,
                () -> f.instantiate("count-lines", Map.of("data", "other-lines", "data.nope", "1")));
        assertTrue(badDotted.getMessage().contains("nope"), badDotted.getMessage());
    }
}
