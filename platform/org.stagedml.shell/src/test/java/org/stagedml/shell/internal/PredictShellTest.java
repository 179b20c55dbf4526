package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.TrainedModel;
import org.stagedml.realizer.internal.PredictorsComponent;

/** stage:predict through the real Predictors service over a real store, with a toy provider for example-hello. */
class PredictShellTest {
    @TempDir
    Path dir;
    ShellFixture f;
    PredictorsComponent predictors;
    final AtomicInteger opened = new AtomicInteger();
    TrainedModel seen;

    /** Says "greeting" when a text holds the word the realization's greeting starts with. */
    final PredictorProvider toy = new PredictorProvider() {
        @Override
        public Set<String> stages() {
            return Set.of("example-hello");
        }

        @Override
        public Predictor open(TrainedModel model) {
            opened.incrementAndGet();
            seen = model;
            String word = model.config().getString("greeting").split("[ ,]")[0].toLowerCase();
            return new Predictor() {
                @Override
                public InputKind inputKind() {
                    return InputKind.TEXT;
                }

                @Override
                public List<String> labels() {
                    return List.of("greeting", "other");
                }

                @Override
                public Prediction predict(PredictionInput in) {
                    boolean g = in.text().toLowerCase().contains(word);
                    return Prediction.of(labels(), g ? new double[] {0.9, 0.1} : new double[] {0.2, 0.8});
                }

                @Override
                public void close() {
                }
            };
        }
    };

    @BeforeEach
    void setUp() {
        f = new ShellFixture(dir);
        predictors = new PredictorsComponent(f.store);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void oneLinePerInputLabelFirst() throws Exception {
        RRef r = ShellFixture.lastRref(f.realize("example-hello", false, "greeting=Hello"));
        StagedmlException none = assertThrows(StagedmlException.class,
                () -> new PredictShell(predictors).predict(System.out, List.of(r.toString(), "x")));
        assertTrue(none.getMessage().contains("no predictor for stage 'example-hello'"), none.getMessage());

        predictors.addProvider(toy);
        String out = ShellFixture.capture(o -> new PredictShell(predictors).predict(o, List.of(r.toString(), "hello there", "bye")));
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        assertEquals("greeting\tgreeting=0.9000 other=0.1000", lines.get(0));
        assertTrue(lines.get(1).startsWith("other\t"), out);
        assertEquals(f.store.path(r), seen.path());

        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"sentence1\":\"hello you\",\"label\":\"x\"}\n\n{\"text\":\"nothing\"}\n");
        Path outFile = dir.resolve("out.jsonl");
        new PredictShell(predictors).predict(System.out, List.of(r.toString(), "--input", in.toString(), "--output", outFile.toString()));
        List<String> written = Files.readAllLines(outFile);
        assertEquals(2, written.size());
        JsonNode first = Json.mapper().readTree(written.get(0));
        assertEquals("greeting", first.get("label").asText());
        assertEquals(0.9, first.at("/probabilities/greeting").asDouble(), 1e-9);
        assertEquals("other", Json.mapper().readTree(written.get(1)).get("label").asText());
    }

    @Test
    void badArgumentsAreClearErrors() {
        StagedmlException usage = assertThrows(StagedmlException.class,
                () -> new PredictShell(predictors).predict(System.out, List.of("hello")));
        assertTrue(usage.getMessage().contains("usage: stage:predict <rref>"), usage.getMessage());
        predictors.addProvider(toy);
        StagedmlException missing = assertThrows(StagedmlException.class, () -> new PredictShell(predictors).predict(System.out,
                List.of("rref:" + "0".repeat(32) + "-" + "1".repeat(32) + "-example-hello", "x")));
        assertTrue(missing.getMessage().contains("no realization"), missing.getMessage());
    }
}
