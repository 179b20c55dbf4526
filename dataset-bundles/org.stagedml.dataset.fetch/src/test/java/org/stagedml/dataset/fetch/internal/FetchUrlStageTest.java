package org.stagedml.dataset.fetch.internal;

import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.FolderBuildContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.StagedmlException;

class FetchUrlStageTest {
    private static final FetchSettings FAST = new FetchSettings(Duration.ofSeconds(5), Duration.ofMillis(500), 3,
            Duration.ofMillis(10));
    private final FetchUrlStage stage = new FetchUrlStage(FAST);
    private LoopbackHttpServer server;
    private byte[] blob;

    @TempDir
    Path out;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
        blob = new byte[300_000];
        new Random(7).nextBytes(blob);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FolderBuildContext build(Map<String, ?> overrides) throws Exception {
        FolderBuildContext b = new FolderBuildContext(stage, overrides, out);
        stage.dependencies(b.config());
        stage.build(b);
        return b;
    }

    /** Files under out, relative, excluding the (empty) _meta folder the build may leave. */
    private List<String> outputs() throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fetchesTheFileByteForByteUnderItsUrlName() throws Exception {
        server.serve("/data/blob.bin", blob);
        FolderBuildContext b = build(Map.of("url", server.url("/data/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("blob.bin")));
        assertEquals(List.of("blob.bin"), outputs());
        assertEquals(Archives.sha256(blob), b.notes.get("sha256"));
        assertEquals(null, b.notes.get("insecure"));
        assertEquals(1.0, b.progress.get(b.progress.size() - 1));
        assertEquals(List.of("blob.bin"), stage.promises(b.config()));
    }

    @Test
    void aWrongSha256FailsNamingBothHashesAndKeepsNothing() throws Exception {
        server.serve("/blob.bin", blob);
        String bad = "0".repeat(64);
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> build(Map.of("url", server.url("/blob.bin"), "sha256", bad)));
        assertTrue(e.getMessage().startsWith("sha256 mismatch for " + server.url("/blob.bin")), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + bad), e.getMessage());
        assertTrue(e.getMessage().contains("got " + Archives.sha256(blob)), e.getMessage());
        assertEquals(List.of(), outputs());
    }

    @Test
    void md5AndSha1AreAcceptedWhereThatIsAllThePublisherGives() throws Exception {
        server.serve("/a.gz", blob);
        build(Map.of("url", server.url("/a.gz"), "md5", Archives.hex("MD5", blob).toUpperCase()));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("a.gz")));
        Files.delete(out.resolve("a.gz"));
        build(Map.of("url", server.url("/a.gz"), "sha1", Archives.hex("SHA-1", blob), "name", "b.gz"));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("b.gz")));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> build(Map.of("url", server.url("/a.gz"), "md5", "f".repeat(32), "name", "c.gz")));
        assertTrue(e.getMessage().startsWith("md5 mismatch"), e.getMessage());
    }

    @Test
    void noChecksumIsRefusedUnlessInsecureAndThenRecorded() throws Exception {
        server.serve("/blob.bin", blob);
        Config noSum = stage.schema().apply("fetchurl", Map.of("url", server.url("/blob.bin")));
        ConfigException e = assertThrows(ConfigException.class, () -> stage.dependencies(noSum));
        assertTrue(e.getMessage().contains("insecure=true"), e.getMessage());
        assertThrows(ConfigException.class, () -> stage.build(new FolderBuildContext(stage,
                Map.of("url", server.url("/blob.bin")), out)));
        assertEquals(0, server.count("/blob.bin"));

        FolderBuildContext b = build(Map.of("url", server.url("/blob.bin"), "insecure", "true"));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("blob.bin")));
        assertEquals("true", b.notes.get("insecure"));
        assertEquals(Archives.sha256(blob), b.notes.get("sha256"));
        assertTrue(b.logs.stream().anyMatch(l -> l.contains("without a checksum")));
    }

    @Test
    void badChecksumConfigsAreRefused() {
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchurl",
                Map.of("url", "http://x/y", "sha256", "0".repeat(64), "md5", "0".repeat(32)))));
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchurl",
                Map.of("url", "http://x/y", "sha256", "abc"))));
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchurl",
                Map.of("url", "ftp://x/y", "sha256", "0".repeat(64)))));
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchurl",
                Map.of("url", "http://x/y", "sha256", "0".repeat(64), "name", "../z"))));
        assertThrows(ConfigException.class, () -> stage.schema().apply("fetchurl", Map.of("sha256", "0".repeat(64))));
    }

    @Test
    void aBrokenConnectionResumesWithRange() throws Exception {
        LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
        r.cutAt = 100_000;
        r.cuts.set(2);
        build(Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("blob.bin")));
        assertEquals(List.of("/blob.bin -", "/blob.bin bytes=100000-", "/blob.bin bytes=100000-"),
                server.requests);
    }

    @Test
    void aStalledConnectionTimesOutAndResumes() throws Exception {
        LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
        r.cutAt = 50_000;
        r.stalls.set(1);
        r.stallMillis = 3_000;
        long t0 = System.nanoTime();
        FolderBuildContext b = build(Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("blob.bin")));
        assertTrue(server.requests.contains("/blob.bin bytes=50000-"), server.requests.toString());
        assertTrue((System.nanoTime() - t0) / 1e9 < 2.9, "the read timeout should cut the stall short");
        assertTrue(b.logs.stream().anyMatch(l -> l.contains("retry 1 of 3")), b.logs.toString());
    }

    @Test
    void aServerIgnoringRangeIsReadAgainFromTheStart() throws Exception {
        LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
        r.honourRange = false;
        r.cutAt = 120_000;
        r.cuts.set(1);
        build(Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("blob.bin")));
        assertEquals(2, server.count("/blob.bin"));
    }

    @Test
    void notFoundFailsAtOnceAndServerErrorsAreRetriedThenFail() {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> build(Map.of("url", server.url("/missing.bin"), "sha256", "0".repeat(64))));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(1, server.count("/missing.bin"));

        server.serve("/busy.bin", blob).status = 503;
        e = assertThrows(StagedmlException.class,
                () -> build(Map.of("url", server.url("/busy.bin"), "sha256", "0".repeat(64))));
        assertTrue(e.getMessage().contains("after 3 retries") && e.getMessage().contains("503"), e.getMessage());
        assertEquals(4, server.count("/busy.bin"));
        assertFalse(Files.exists(out.resolve("busy.bin")));
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        server.serve("/real/blob.bin", blob);
        LoopbackHttpServer.Resource moved = server.serve("/old", new byte[0]);
        moved.status = 302;
        moved.location = "/real/blob.bin";
        build(Map.of("url", server.url("/old"), "sha256", Archives.sha256(blob), "name", "x.bin"));
        assertArrayEquals(blob, Files.readAllBytes(out.resolve("x.bin")));
    }

    @Test
    void cancellingStopsTheDownload() {
        LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
        r.cutAt = 10_000;
        r.stalls.set(1);
        r.stallMillis = 300;
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("url", server.url("/blob.bin"),
                "sha256", Archives.sha256(blob)), out);
        b.cancelled.set(true);
        assertThrows(CancelledException.class, () -> stage.build(b));
        assertFalse(Files.exists(out.resolve("blob.bin")));
    }

    @Test
    void unpackTrueGivesTheArchiveContents() throws Exception {
        byte[] zip = Archives.zip("CoLA/", "", "CoLA/train.tsv", "a\t1\n", "CoLA/dev.tsv", "b\t0\n");
        server.serve("/v0/b/x/o/data%2FCoLA.zip", zip);
        String url = server.url("/v0/b/x/o/data%2FCoLA.zip") + "?alt=media&token=abc";
        FolderBuildContext b = build(Map.of("url", url, "sha256", Archives.sha256(zip), "unpack", "true"));
        assertEquals(List.of("CoLA/dev.tsv", "CoLA/train.tsv"), outputs());
        assertEquals("a\t1\n", Files.readString(out.resolve("CoLA/train.tsv")));
        assertEquals(List.of(), stage.promises(b.config()));
    }

    @Test
    void fileNamesComeFromTheDecodedLastSegment() {
        assertEquals("CoLA.zip", FileNames.fromUrl("https://firebasestorage.googleapis.com/v0/b/mtl-sentence-"
                + "representations.appspot.com/o/data%2FCoLA.zip?alt=media&token=46d5e637"));
        assertEquals("mnist.npz", FileNames.fromUrl("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"));
        assertEquals("a_b.txt", FileNames.fromUrl("http://h/a%20b.txt"));
        assertEquals("download", FileNames.fromUrl("http://h/"));
        assertEquals("download", FileNames.fromUrl("http://h/.."));
    }
}
