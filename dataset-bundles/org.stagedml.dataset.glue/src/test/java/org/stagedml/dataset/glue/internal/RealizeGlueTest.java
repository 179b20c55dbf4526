package org.stagedml.dataset.glue.internal;

import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.LoopbackHttpServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

/** glue with its real fetchurl dependencies against a loopback server, through the real realizer and store. */
class RealizeGlueTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;
    private final Map<String, SourceFile> zips = new LinkedHashMap<>();
    private final Map<String, SourceFile> mrpc = new LinkedHashMap<>();

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        for (String task : List.of("CoLA", "RTE")) {
            byte[] zip = GlueFiles.zip(task);
            // the Firebase layout: the file name is an encoded path segment, a token in the query
            String path = "/v0/b/mtl/o/data%2F" + task + ".zip";
            server.serve(path, zip);
            zips.put(task, new SourceFile(server.url(path) + "?alt=media&token=t", "sha256", sha256(zip)));
        }
        zips.put("WNLI", new SourceFile(server.url("/v0/b/mtl/o/data%2FRTE.zip") + "?alt=media", "sha256",
                "0".repeat(64)));
        byte[] train = GlueFiles.senteval("train", 8).getBytes(StandardCharsets.UTF_8);
        byte[] test = GlueFiles.senteval("test", 3).getBytes(StandardCharsets.UTF_8);
        byte[] ids = GlueFiles.devIds().getBytes(StandardCharsets.UTF_8);
        server.serve("/senteval/msr_paraphrase_train.txt", train);
        server.serve("/senteval/msr_paraphrase_test.txt", test);
        server.serve("/v0/b/mtl/o/data%2Fmrpc_dev_ids.tsv", ids);
        mrpc.put(GlueSources.MRPC_TRAIN, new SourceFile(server.url("/senteval/msr_paraphrase_train.txt"), "sha256", sha256(train)));
        mrpc.put(GlueSources.MRPC_TEST, new SourceFile(server.url("/senteval/msr_paraphrase_test.txt"), "sha256", sha256(test)));
        mrpc.put(GlueSources.MRPC_DEV_IDS, new SourceFile(server.url("/v0/b/mtl/o/data%2Fmrpc_dev_ids.tsv")
                + "?alt=media", "sha256", sha256(ids)));

        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.glue", new GlueStage(new GlueSources(zips, mrpc)));
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.close();
    }

    private RRef realize(String task) throws InterruptedException {
        return fixture.realize("glue", Map.of("task", task));
    }

    @Test
    void colaFromItsZipAndServedFromTheStoreTheSecondTime() throws Exception {
        RRef r = realize("CoLA");
        Path p = fixture.path(r);
        List<JsonNode> train = GlueStageTest.lines(p.resolve("train.jsonl"));
        assertEquals(GlueFiles.TRAIN, train.size());
        assertEquals(GlueFiles.s("train", 0, 1), train.get(0).get("sentence1").asText());
        JsonNode info = Json.mapper().readTree(p.resolve("task.json").toFile());
        assertEquals(false, info.get("pair").asBoolean());
        assertEquals("CoLA.zip", fixture.realizer().path(r, "archive", "CoLA.zip").getFileName().toString());
        assertEquals(r, realize("CoLA"));
        assertEquals(1, server.count("/v0/b/mtl/o/data%2FCoLA.zip"));
    }

    @Test
    void mrpcFromItsThreeFiles() throws Exception {
        RRef r = realize("MRPC");
        Path p = fixture.path(r);
        assertEquals(6, GlueStageTest.lines(p.resolve("train.jsonl")).size());
        assertEquals(2, GlueStageTest.lines(p.resolve("dev.jsonl")).size());
        assertEquals(3, GlueStageTest.lines(p.resolve("test.jsonl")).size());
        assertEquals("fetchurl", fixture.dependency(r, "mrpc_dev_ids").name());
    }

    @Test
    void aZipWithTheWrongChecksumFailsAndNothingIsKept() {
        Exception e = assertThrows(Exception.class, () -> realize("WNLI"));
        assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("expected " + "0".repeat(64)),
                e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("glue"));
        assertEquals(List.of(), fixture.store().realizationsOf("fetchurl"));
    }
}
