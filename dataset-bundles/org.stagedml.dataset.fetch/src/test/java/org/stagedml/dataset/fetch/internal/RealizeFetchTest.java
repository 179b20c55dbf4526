package org.stagedml.dataset.fetch.internal;

import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.stagedml.api.RRef;

/** The fetch stages through the real realizer and a real store in a temporary folder. */
class RealizeFetchTest {
    @TempDir
    Path root;
    private LoopbackHttpServer server;
    private RealizeFixture f;
    private byte[] blob;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
        blob = new byte[300_000];
        new Random(11).nextBytes(blob);
        server.serve("/blob.bin", blob);
        f = new RealizeFixture(root).add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(10))), new FetchLocalStage(), new UnpackStage());
    }

    @AfterEach
    void stop() {
        f.close();
        server.close();
    }

    private RRef realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        return f.realize(stage, overrides);
    }

    /** How many files in the store's folder hold exactly these bytes. */
    private long copiesInStore(byte[] data) throws IOException {
        String sum = Archives.sha256(data);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Archives.sha256(Files.readAllBytes(p)).equals(sum);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).count();
        }
    }

    @Test
    void rightChecksumRealizesOnceWrongChecksumKeepsNothing() throws Exception {
        RRef r = realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(f.path(r).resolve("blob.bin")));
        assertEquals(r, realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob))));
        assertEquals(1, server.count("/blob.bin"), "the second realize is served from the store");

        String bad = "0".repeat(64);
        Exception e = assertThrows(Exception.class,
                () -> realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", bad)));
        assertTrue(e.getMessage().contains("expected " + bad) && e.getMessage().contains(Archives.sha256(blob)),
                e.getMessage());
        assertEquals(1, copiesInStore(blob));
        assertEquals(List.of(), f.leftovers());
        assertTrue(f.store().realizationsOf("fetchurl").size() == 1);
    }

    @Test
    void insecureFetchIsRecordedInTheRealization() throws Exception {
        RRef r = realize("fetchurl", Map.of("url", server.url("/blob.bin"), "insecure", "true"));
        Map<String, String> notes = f.notes(r);
        assertEquals("true", notes.get("insecure"), notes.toString());
        assertEquals(Archives.sha256(blob), notes.get("sha256"), notes.toString());
    }

    @Test
    void unpackDependsOnTheFetchAndHoldsTheContents() throws Exception {
        byte[] tgz = Archives.gzip(Archives.tar("data/", "", "data/a.txt", "A", "data/b.txt", "B"));
        server.serve("/files/data.tgz", tgz);
        RRef r = realize("unpack", Map.of("url", server.url("/files/data.tgz"), "sha256", Archives.sha256(tgz)));
        assertEquals("A", Files.readString(f.path(r).resolve("data/a.txt")));
        assertEquals("B", Files.readString(f.path(r).resolve("data/b.txt")));
        // the archive itself is the fetchurl realization the unpack depends on
        RRef fetched = f.dependency(r, "archive");
        assertArrayEquals(tgz, Files.readAllBytes(f.path(fetched).resolve("data.tgz")));
        // an unsafe archive fails the unpack and leaves no realization of it
        byte[] evil = Archives.tar("../evil.txt", "x");
        server.serve("/evil.tar", evil);
        Exception e = assertThrows(Exception.class,
                () -> realize("unpack", Map.of("url", server.url("/evil.tar"), "sha256", Archives.sha256(evil))));
        assertTrue(e.getMessage().contains("outside the output folder"), e.getMessage());
        assertEquals(1, f.store().realizationsOf("unpack").size());
        assertEquals(false, Files.exists(root.resolve("evil.txt")));
    }

    /** What the store keeps for itself is asked of the store: an archive or a name that uses it is refused. */
    @Test
    void namesTheStoreReservesAreRefusedAtBuildTime() throws Exception {
        byte[] meta = Archives.tar("_meta/x", "x");
        server.serve("/meta.tar", meta);
        Exception e = assertThrows(Exception.class,
                () -> realize("unpack", Map.of("url", server.url("/meta.tar"), "sha256", Archives.sha256(meta))));
        assertTrue(e.getMessage().contains("reserves"), e.getMessage());
        e = assertThrows(Exception.class, () -> realize("fetchurl", Map.of("url", server.url("/blob.bin"),
                "sha256", Archives.sha256(blob), "name", "context.json")));
        assertTrue(e.getMessage().contains("'context.json'") && e.getMessage().contains("name="), e.getMessage());
        assertEquals(List.of(), f.store().realizationsOf("unpack"));
        assertEquals(List.of(), f.leftovers());
    }
}
