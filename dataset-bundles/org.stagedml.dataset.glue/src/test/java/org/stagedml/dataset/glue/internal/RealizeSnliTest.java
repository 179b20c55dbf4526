package org.stagedml.dataset.glue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.stage.Dependency;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/** glue task=SNLI from a generated snli_1.0.zip on a loopback server, through the real realizer and store. */
class RealizeSnliTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;
    private final Map<String, SourceFile> zips = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        byte[] zip = SnliFiles.zip();
        server.serve("/projects/snli/snli_1.0.zip", zip);
        zips.put("SNLI", new SourceFile(server.url("/projects/snli/snli_1.0.zip"), "sha256", RealizeGlueTest.sha256(zip)));
        // RTE's entry stands for a wrong checksum: the SNLI zip with a sha256 it does not have
        zips.put("RTE", new SourceFile(server.url("/projects/snli/snli_1.0.zip"), "sha256", "1".repeat(64)));
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.glue", new GlueStage(new GlueSources(zips, Map.of())));
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.close();
    }

    @Test
    void snliHasThreeLabelsAndDropsTheExamplesWithoutAGoldLabel() throws Exception {
        RRef r = fixture.realize("glue", Map.of("task", "SNLI"));
        Path p = fixture.path(r);
        JsonNode info = Json.mapper().readTree(p.resolve("task.json").toFile());
        assertEquals("SNLI", info.get("task").asText());
        assertEquals(List.of("entailment", "neutral", "contradiction"),
                Json.mapper().convertValue(info.get("labels"), List.class));
        assertTrue(info.get("pair").asBoolean());
        for (String split : List.of("train", "dev", "test")) {
            List<JsonNode> rows = GlueStageTest.lines(p.resolve(split + ".jsonl"));
            int n = SnliFiles.ROWS.get(split);
            assertEquals(SnliFiles.kept(split), rows.size(), split);
            assertEquals(SnliFiles.kept(split), info.get("counts").get(split).asInt(), split);
            assertEquals(n - SnliFiles.kept(split), info.get("dropped").get(split).asInt(), split);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (SnliFiles.label(i).equals("-")) {
                    continue;
                }
                JsonNode row = rows.get(k++);
                assertEquals(i, row.get("id").asLong(), split + " " + i);
                assertEquals(SnliFiles.s(split, i, 1), row.get("sentence1").asText());
                assertEquals(SnliFiles.s(split, i, 2), row.get("sentence2").asText());
                // SNLI's test labels are public: kept, unlike GLUE's
                assertEquals(SnliFiles.label(i), row.get("label").asText(), split + " " + i);
            }
            assertFalse(rows.stream().anyMatch(row -> row.get("label").asText().equals("-")));
        }
        assertEquals(0, info.get("skipped").size());
        assertEquals(r, fixture.realize("glue", Map.of("task", "SNLI")));
        assertEquals(1, server.count("/projects/snli/snli_1.0.zip"));
    }

    @Test
    void aWrongChecksumLeavesTheStoreAsItWas() {
        Exception e = assertThrows(Exception.class, () -> fixture.realize("glue", Map.of("task", "RTE")));
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("glue"));
        assertEquals(List.of(), fixture.store().realizationsOf("fetchurl"));
    }

    @Test
    void theCatalogHasStanfordsZipWithTheTfdsChecksum() {
        GlueStage stage = new GlueStage();
        Dependency d = stage.dependencies(stage.schema().apply("glue", Map.of("task", "SNLI"))).get("archive");
        assertEquals("https://nlp.stanford.edu/projects/snli/snli_1.0.zip", d.overrides().get("url"));
        assertEquals("afb3d70a5af5d8de0d9d81e2637e0fb8c22d1235c2749d83125ca43dab0dbd3e", d.overrides().get("sha256"));
        assertEquals(List.of("train.jsonl", "dev.jsonl", "test.jsonl", "task.json"),
                stage.promises(stage.schema().apply("glue", Map.of("task", "SNLI"))));
    }
}
