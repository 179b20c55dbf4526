package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.RRef;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;

/** What TAB offers, over the real store and realizer with the example stages. */
class CompletionTest {
    @TempDir
    Path root;
    ShellFixture f;
    Completion c;

    /** A stage with a choice and a boolean field. */
    static final class Choosy implements Stage {
        public String name() {
            return "test-choosy";
        }

        public int version() {
            return 1;
        }

        public String description() {
            return "has choices";
        }

        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.choice("task", "MRPC", List.of("MRPC", "SST-2"), "the task"),
                    FieldSpec.bool("lower", true, "lower-case the text"));
        }

        public void build(BuildContext b) {
        }
    }

    @BeforeEach
    void setUp() {
        f = new ShellFixture(root);
        f.registry.add(new Choosy(), "test", "1");
        c = new Completion(f.realizer, f.store);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<String> values(String... words) {
        return values(words.length - 1, words);
    }

    private List<String> values(int index, String... words) {
        return c.suggest(List.of(words), index).stream().map(Completion.Suggestion::value).toList();
    }

    @Test
    void stageNamesAfterRealizeShowAndInstantiate() {
        for (String cmd : new String[] {"stage:realize", "realize", "stage:show", "instantiate"}) {
            List<String> v = values(cmd, "");
            assertTrue(v.containsAll(List.of("example-chain", "example-hello", "test-choosy")), cmd + " " + v);
        }
        assertEquals(List.of(), values("stage:show", "example-hello", ""), "show takes one stage");
        assertTrue(values("stage:realize", "--instances", "3", "").contains("example-hello"), "an option's value is skipped");
    }

    @Test
    void configKeysFromTheSchemaWithTheirDocAndNoSpaceAfter() {
        List<Completion.Suggestion> s = c.suggest(List.of("stage:realize", "example-chain", ""), 2);
        Completion.Suggestion depth = s.stream().filter(x -> x.value().equals("depth=")).findFirst().orElseThrow();
        assertFalse(depth.complete(), "the value follows the '=' directly");
        assertTrue(depth.description().contains("depth N depends on N-1"), depth.description());
        // the dependencies of the default config, and their fields after the dot
        assertTrue(values("stage:realize", "example-chain", "").containsAll(List.of("prev1.", "prev2.")));
        assertTrue(values("stage:realize", "example-chain", "prev1.").contains("prev1.depth="));
        assertTrue(values("stage:realize", "example-chain", "prev1.d").contains("prev1.depth="));
        // a key already given is not offered again
        assertFalse(values("stage:realize", "example-chain", "depth=3", "").contains("depth="));
        assertEquals(List.of("task=MRPC", "task=SST-2"), values("stage:realize", "test-choosy", "task="));
        assertEquals(List.of("lower=true", "lower=false"), values("stage:realize", "test-choosy", "task=MRPC", "lower=t"));
        assertEquals(List.of(), values("stage:realize", "no-such-stage", ""));
    }

    @Test
    void theValuesOfMatch() {
        assertTrue(values("stage:realize", "example-random", "--match", "").containsAll(List.of("only", "best:", "latest")));
        assertEquals(List.of(), values("stage:realize", "example-random", "--instances", ""));
    }

    @Test
    void refsStageNamesAndRootsFromTheStore() throws Exception {
        RRef hello = ShellFixture.lastRref(f.realize("example-hello", false));
        List<String> show = values("store:show", "");
        assertTrue(show.containsAll(List.of("example-hello", hello.toString(), hello.dref().toString())), show.toString());
        assertFalse(show.contains("example-chain"), "only what the store holds");
        List<String> rm = values("store:rm", "");
        assertTrue(rm.contains(hello.toString()) && !rm.contains("example-hello"), "rm wants an exact ref: " + rm);
        assertEquals(List.of(), values("store:root-add", ""), "a new root's name is the user's");
        assertTrue(values("store:root-add", "keep", "").contains(hello.toString()));
        assertEquals(List.of("last-example-hello"), values("store:root-rm", ""));
        assertEquals(List.of(), values("store:gc", ""));
        assertEquals(List.of(), values("lb", ""), "not our command");
    }

    @Test
    void optionsComeFromTheParameterAnnotations() {
        Map<String, Boolean> options = Completion.spec("stage:realize").orElseThrow().options();
        assertEquals(Boolean.FALSE, options.get("--force"));
        assertEquals(Boolean.TRUE, options.get("--instances"));
        assertEquals(Boolean.TRUE, options.get("-m"));
        assertTrue(options.containsKey("--no-root"));
        assertEquals("rebuild every derivation of the closure", Completion.spec("realize").orElseThrow().optionDoc("--force-all"));
    }
}
