package org.stagedml.dataset.glue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.fetch.internal.FetchLocalStage;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/** rusentiment from generated CSVs (a zip on a loopback server, a local folder), through the real realizer and store. */
class RealizeRusentimentTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;
    private String url;
    private String sha;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        byte[] zip = RusentimentFiles.zip();
        server.serve("/data/rusentiment.zip", zip);
        url = server.url("/data/rusentiment.zip");
        sha = RealizeGlueTest.sha256(zip);
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))), new FetchLocalStage())
                .add("org.stagedml.dataset.glue", new RusentimentStage());
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.close();
    }

    private static List<String> texts(Path file) throws Exception {
        List<String> t = new ArrayList<>();
        GlueStageTest.lines(file).forEach(r -> t.add(r.get("sentence1").asText() + "|" + r.get("label").asText()));
        return t;
    }

    @Test
    void theRandomAndPreselectedPostsAreSplitIntoTrainAndDevTestIsKept() throws Exception {
        RRef r = fixture.realize("rusentiment", Map.of("path", url, "path_sha256", sha));
        Path p = fixture.path(r);
        JsonNode info = Json.mapper().readTree(p.resolve("task.json").toFile());
        assertEquals("rusentiment", info.get("task").asText());
        assertEquals(RusentimentSources.LABELS, Json.mapper().convertValue(info.get("labels"), List.class));
        assertEquals(false, info.get("pair").asBoolean());
        int pool = RusentimentFiles.RANDOM + RusentimentFiles.PRESELECTED;
        int train = (int) Math.floor(pool * 0.9);
        assertEquals(Map.of("train", train, "dev", pool - train, "test", RusentimentFiles.TEST),
                Json.mapper().convertValue(info.get("counts"), Map.class));
        // every post once: train and dev are the random and preselected posts, with their labels
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < RusentimentFiles.RANDOM; i++) {
            expected.add(RusentimentFiles.text("random", i) + "|" + RusentimentFiles.label(i));
        }
        for (int i = 0; i < RusentimentFiles.PRESELECTED; i++) {
            expected.add(RusentimentFiles.text("preselected", i) + "|" + RusentimentFiles.label(i));
        }
        List<String> got = new ArrayList<>(texts(p.resolve("train.jsonl")));
        got.addAll(texts(p.resolve("dev.jsonl")));
        assertEquals(expected, new HashSet<>(got));
        assertEquals(pool, got.size());
        List<String> test = texts(p.resolve("test.jsonl"));
        for (int i = 0; i < RusentimentFiles.TEST; i++) {
            assertEquals(RusentimentFiles.text("test", i) + "|" + RusentimentFiles.label(i), test.get(i));
        }
        assertTrue(test.get(1).contains("\"в кавычках\"\nи на двух"), test.get(1));
        assertEquals(0, GlueStageTest.lines(p.resolve("dev.jsonl")).get(0).get("id").asLong());
        assertEquals("fetchurl", fixture.dependency(r, "archive").name());
    }

    @Test
    void theSplitIsSeededAndALocalFolderOrArchiveGivesTheSamePosts() throws Exception {
        RRef a = fixture.realize("rusentiment", Map.of("path", url, "path_sha256", sha));
        RRef b = fixture.realize("rusentiment", Map.of("path", url, "path_sha256", sha, "seed", 2));
        Path folder = RusentimentFiles.folder(tmp.resolve("rusentiment"));
        RRef c = fixture.realize("rusentiment", Map.of("path", folder.toString()));
        Path zip = java.nio.file.Files.write(tmp.resolve("rusentiment.zip"), RusentimentFiles.zip());
        RRef d = fixture.realize("rusentiment", Map.of("path", zip.toString()));
        assertEquals("fetchlocal", fixture.dependency(d, "archive").name());
        assertEquals(texts(fixture.path(c).resolve("dev.jsonl")), texts(fixture.path(d).resolve("dev.jsonl")));
        List<String> devA = texts(fixture.path(a).resolve("dev.jsonl"));
        assertNotEquals(devA, texts(fixture.path(b).resolve("dev.jsonl")));
        assertEquals(devA, texts(fixture.path(c).resolve("dev.jsonl")));
        assertEquals(texts(fixture.path(a).resolve("train.jsonl")), texts(fixture.path(c).resolve("train.jsonl")));
    }

    @Test
    void aWrongChecksumLeavesTheStoreAsItWas() {
        Exception e = assertThrows(Exception.class,
                () -> fixture.realize("rusentiment", Map.of("path", url, "path_sha256", "2".repeat(64))));
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("rusentiment"));
        assertEquals(List.of(), fixture.store().realizationsOf("fetchurl"));
    }

    @Test
    void withoutFilesOrWithAnXzArchiveTheErrorSaysWhatToDo() {
        ConfigException none = assertThrows(ConfigException.class, () -> fixture.realize("rusentiment", Map.of()));
        assertTrue(none.getMessage().contains("give path=") && none.getMessage().contains("data.path"), none.getMessage());
        ConfigException noSha = assertThrows(ConfigException.class, () -> fixture.realize("rusentiment", Map.of("path", url)));
        assertTrue(noSha.getMessage().contains("path_sha256"), noSha.getMessage());
        ConfigException xz = assertThrows(ConfigException.class,
                () -> fixture.realize("rusentiment", Map.of("path", url + ".tar.xz", "path_sha256", sha)));
        assertTrue(xz.getMessage().contains("xz -dk"), xz.getMessage());
    }
}
