package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

/**
 * wikidump and wikitext with the real fetchurl against a loopback server serving generated dumps (MediaWiki
 * export XML, bzip2), through the real realizer and store.
 */
class RealizeWikiTest {
    private static final String EN_PATH = "/enwiki/20200301/enwiki-20200301-pages-articles.xml.bz2";
    private static final String RU_PATH = "/ruwiki/20200301/ruwiki-20200301-pages-articles.xml.bz2";
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;
    private byte[] en;

    static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @BeforeEach
    void serve() throws Exception {
        server = new LoopbackHttpServer();
        en = DumpFiles.bzip2(DumpFiles.xml("en", DumpFiles.EN));
        byte[] ru = DumpFiles.bzip2(DumpFiles.xml("ru", DumpFiles.RU));
        server.serve(EN_PATH, en);
        server.serve(RU_PATH, ru);
    }

    private void start(String enSha1) throws Exception {
        byte[] ru = DumpFiles.bzip2(DumpFiles.xml("ru", DumpFiles.RU));
        WikiSources sources = new WikiSources(Map.of(
                "en", new WikiSources.Dump(server.url(EN_PATH), "sha1", enSha1 != null ? enSha1 : sha1(en)),
                "ru", new WikiSources.Dump(server.url(RU_PATH), "sha1", sha1(ru))));
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.wiki", new WikiDumpStage(sources), new WikiTextStage());
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        server.close();
    }

    private JsonNode corpus(RRef r) throws Exception {
        return Json.mapper().readTree(fixture.file(r, TextParts.INFO).toFile());
    }

    @Test
    void aFetchedDumpBecomesOneSentencePerLineAndIsServedFromTheStoreTheSecondTime() throws Exception {
        start(null);
        RRef r = fixture.realize("wikitext", Map.of());
        assertEquals(List.of(Path.of(TextParts.INFO), Path.of(TextParts.FIRST)), fixture.outputFiles(r));
        assertEquals(DumpFiles.EN_TEXT, Files.readString(fixture.file(r, TextParts.FIRST)));
        JsonNode c = corpus(r);
        assertEquals("en", c.get("language").asText());
        assertEquals(3, c.get("documents").asLong());
        assertEquals(9, c.get("sentences").asLong());
        assertEquals(1, c.get("files").asLong());
        assertEquals(7, c.get("pages").asLong());
        assertEquals(4, c.get("articles").asLong()); // not the redirect, the talk page, the disambiguation page
        assertEquals(1, c.get("articles_too_short").asLong());
        RRef dump = fixture.dependency(r, "dump");
        assertEquals("wikidump", dump.name());
        assertEquals("fetchurl", fixture.dependency(dump, "file").name());
        assertArrayEquals(en, Files.readAllBytes(fixture.file(dump, "enwiki-20200301-pages-articles.xml.bz2")));
        assertEquals("en", Json.mapper().readTree(fixture.file(dump, WikiDumpStage.INFO).toFile()).get("language").asText());

        assertEquals(r, fixture.realize("wikitext", Map.of()));
        assertEquals(1, server.count(EN_PATH));
    }

    @Test
    void theRussianDumpAndTheFields() throws Exception {
        start(null);
        RRef ru = fixture.realize("wikitext", Map.of("dump.language", "ru"));
        assertEquals(DumpFiles.RU_TEXT, Files.readString(fixture.file(ru, TextParts.FIRST)));
        assertEquals("ru", corpus(ru).get("language").asText());
        assertEquals(0, server.count(EN_PATH));

        RRef one = fixture.realize("wikitext", Map.of("max_articles", 1));
        assertEquals(1, corpus(one).get("documents").asLong());
        assertTrue(DumpFiles.EN_TEXT.startsWith(Files.readString(fixture.file(one, TextParts.FIRST))));
        // with no minimum the stub is an article; with three sentences required only Paris and Table tennis stay
        assertEquals(4, corpus(fixture.realize("wikitext", Map.of("min_sentence_words", 0))).get("documents").asLong());
        assertEquals(2, corpus(fixture.realize("wikitext", Map.of("min_document_sentences", 3))).get("documents").asLong());
        assertEquals(1, server.count(EN_PATH)); // one dump for all of them
    }

    @Test
    void aDumpWithTheWrongChecksumFailsAndTheStoreStaysAsItWas() throws Exception {
        start("0".repeat(40));
        Exception e = assertThrows(Exception.class, () -> fixture.realize("wikitext", Map.of()));
        assertTrue(e.getMessage().contains("sha1 mismatch"), e.getMessage());
        for (String stage : List.of("fetchurl", "wikidump", "wikitext")) {
            assertEquals(List.of(), fixture.store().realizationsOf(stage), stage);
        }
        assertEquals(List.of(), fixture.leftovers());
    }

    @Test
    void anotherDumpByUrlNeedsItsChecksum() throws Exception {
        start(null);
        Exception e = assertThrows(Exception.class, () -> fixture.realize("wikidump", Map.of("url", server.url(EN_PATH))));
        assertTrue(e.getMessage().contains("needs exactly one checksum"), e.getMessage());
        RRef r = fixture.realize("wikidump", Map.of("url", server.url(EN_PATH), "sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(en))));
        assertTrue(Files.isRegularFile(fixture.file(r, "enwiki-20200301-pages-articles.xml.bz2")));
    }
}
