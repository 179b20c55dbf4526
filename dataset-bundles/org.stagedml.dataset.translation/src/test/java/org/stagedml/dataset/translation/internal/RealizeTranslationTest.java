package org.stagedml.dataset.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/** nl2bash and wmt with their real fetchurl dependencies against a loopback server, through the real realizer and store. */
class RealizeTranslationTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @BeforeEach
    void server() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        server.close();
    }

    /** Serves the files under the published paths; a non-null sum replaces the dev/test archive's (or all.cm's). */
    private void start(String wrongSum) throws Exception {
        byte[][] nl2bash = TranslationFiles.nl2bash();
        String base = "/TellinaTool/nl2bash/d6b9f5b/data/bash/";
        server.serve(base + "all.nl", nl2bash[0]);
        server.serve(base + "all.cm", nl2bash[1]);
        Nl2BashSources nl = new Nl2BashSources(server.url(base + "all.nl"), sha256(nl2bash[0]), server.url(base + "all.cm"),
                wrongSum != null ? wrongSum : sha256(nl2bash[1]));
        Map<String, byte[]> archives = WmtStageTest.archives();
        Map<String, WmtCorpus> corpora = new LinkedHashMap<>();
        for (WmtCorpus c : WmtSources.official().corpora().values()) {
            if (archives.containsKey(c.name())) {
                String path = c.url().substring(c.url().indexOf("/", "http://".length()));
                server.serve(path, archives.get(c.name()));
                corpora.put(c.name(), new WmtCorpus(c.name(), server.url(path), sha256(archives.get(c.name())), c.entry(),
                        c.languages()));
            }
        }
        String devPath = "/wmt19/translation-task/dev.tgz";
        server.serve(devPath, archives.get("newstest"));
        WmtSources wmt = new WmtSources(corpora, server.url(devPath),
                wrongSum != null ? wrongSum : sha256(archives.get("newstest")));
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.translation", new Nl2BashStage(nl), new WmtStage(wmt));
    }

    @Test
    void nl2bashIsFetchedSplitAndServedFromTheStoreTheSecondTime() throws Exception {
        start(null);
        RRef r = fixture.realize("nl2bash", Map.of());
        Path p = fixture.path(r);
        JsonNode info = Json.mapper().readTree(p.resolve("corpus.json").toFile());
        assertEquals(31, info.get("counts").get("train").asInt() + info.get("counts").get("dev").asInt()
                + info.get("counts").get("test").asInt());
        assertEquals(Set.of("train.jsonl", "dev.jsonl", "test.jsonl", "corpus.json"),
                Set.copyOf(fixture.outputFiles(r).stream().map(Path::toString).toList()));
        assertEquals("fetchurl", fixture.dependency(r, "cm").name());
        assertEquals(r, fixture.realize("nl2bash", Map.of()));
        assertEquals(1, server.count("/TellinaTool/nl2bash/d6b9f5b/data/bash/all.nl"));
        // another seed is another derivation over the same fetched files: another dev split, no new download
        RRef other = fixture.realize("nl2bash", Map.of("seed", 2));
        assertNotEquals(Files.readString(p.resolve("dev.jsonl")), Files.readString(fixture.path(other).resolve("dev.jsonl")));
        assertEquals(1, server.count("/TellinaTool/nl2bash/d6b9f5b/data/bash/all.cm"));
    }

    @Test
    void wmtIsFetchedAndNormalizedThroughTheStore() throws Exception {
        start(null);
        RRef r = fixture.realize("wmt", Map.of("pair", "en-de"));
        Path p = fixture.path(r);
        assertEquals(12, TranslationFiles.lines(p.resolve("train.jsonl")).size());
        assertEquals(4, TranslationFiles.lines(p.resolve("dev.jsonl")).size());
        assertEquals(5, TranslationFiles.lines(p.resolve("test.jsonl")).size());
        assertEquals(Set.of("train.jsonl", "dev.jsonl", "test.jsonl", "corpus.json"),
                Set.copyOf(fixture.outputFiles(r).stream().map(Path::toString).toList()), "no scratch files in the realization");
        RRef ru = fixture.realize("wmt", Map.of("pair", "ru-en"));
        assertEquals("ru", Json.mapper().readTree(fixture.path(ru).resolve("corpus.json").toFile()).get("source_language").asText());
        // both pairs share the fetched dev/test archive and news-commentary
        assertEquals(1, server.count("/wmt19/translation-task/dev.tgz"));
        assertEquals(1, server.count("/wmt14/training-parallel-nc-v9.tgz"));
        assertEquals(1, server.count("/wmt13/training-parallel-europarl-v7.tgz"), "europarl only for en-de");
    }

    @Test
    void aFileWithTheWrongChecksumFailsAndNothingIsKept() throws Exception {
        start("0".repeat(64));
        Exception e = assertThrows(Exception.class, () -> fixture.realize("nl2bash", Map.of()));
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("nl2bash"));
        e = assertThrows(Exception.class, () -> fixture.realize("wmt", Map.of()));
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("wmt"));
        assertEquals(List.of(), fixture.leftovers());
    }
}
