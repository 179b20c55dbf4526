package org.stagedml.model.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** The descriptions of the example stages; their builds are exercised by the realizer's tests. */
class ExampleStagesTest {
    private static Config config(Stage s, Map<String, ?> overrides) {
        return s.schema().apply(s.name(), overrides);
    }

    @Test
    void namesAreTheDocumentedOnes() {
        assertEquals(List.of("example-hello", "example-chain", "example-random", "example-fail", "example-sleep",
                "example-steps"),
                List.of(new HelloStage().name(), new ChainStage().name(), new RandomStage().name(),
                        new FailStage().name(), new SleepStage().name(), new StepsStage().name()));
    }

    @Test
    void chainDependsOnThePreviousTwo() {
        ChainStage chain = new ChainStage();
        assertEquals(Map.of(), chain.dependencies(config(chain, Map.of("depth", 0))));
        assertEquals(Map.of(), chain.dependencies(config(chain, Map.of("depth", 1))));
        Map<String, Dependency> deps = chain.dependencies(config(chain, Map.of("depth", "5")));
        assertEquals(Set.of("prev1", "prev2"), deps.keySet());
        assertEquals(4L, ((Number) deps.get("prev1").overrides().get("depth")).longValue());
        assertEquals(3L, ((Number) deps.get("prev2").overrides().get("depth")).longValue());
        assertEquals(10, config(chain, Map.of()).getLong("depth"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> chain.dependencies(config(chain, Map.of("depth", -3))));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }

    @Test
    void defaultsAndMatchers() {
        assertEquals("hello", config(new HelloStage(), Map.of()).getString("greeting"));
        assertEquals(List.of("hello.txt"), new HelloStage().promises(Config.empty()));
        assertEquals("best:accuracy", new RandomStage().defaultMatcher().spec());
        assertEquals(-1, config(new RandomStage(), Map.of()).getLong("seed"));
        assertTrue(config(new FailStage(), Map.of()).getBoolean("fail"));
        assertEquals(5.0, config(new SleepStage(), Map.of()).getDouble("seconds"));
        assertThrows(ConfigException.class, () -> config(new SleepStage(), Map.of("seconds", "soon")));
    }
}
