package org.stagedml.dataset.fetch.internal;

import org.stagedml.testing.LoopbackHttpServer;
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
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/** The fetch stages through the real realizer and a real store in a temporary folder. */
class RealizeFetchTest {
    @TempDir
    Path root;
    private LoopbackHttpServer server;
    private FileStore store;
    private DefaultRealizer realizer;
    private byte[] blob;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
        blob = new byte[300_000];
        new Random(11).nextBytes(blob);
        server.serve("/blob.bin", blob);
        store = new FileStore(root);
        StageRegistry registry = new StageRegistry();
        registry.add(new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
                Duration.ofMillis(10))), "org.stagedml.dataset.fetch", "0.1.0");
        registry.add(new FetchLocalStage(), "org.stagedml.dataset.fetch", "0.1.0");
        registry.add(new UnpackStage(), "org.stagedml.dataset.fetch", "0.1.0");
        realizer = new DefaultRealizer(store, registry, new RealizerSettings(2, 0));
    }

    @AfterEach
    void stop() {
        realizer.close();
        server.close();
    }

    private RRef realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        List<RRef> r = realizer.realize(realizer.instantiate(stage, overrides), RealizeOptions.defaults());
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    /** How many files under store-v1 hold exactly these bytes. */
    private long copiesInStore(byte[] data) throws IOException {
        String sum = Archives.sha256(data);
        try (Stream<Path> s = Files.walk(root.resolve("store-v1"))) {
            return s.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Archives.sha256(Files.readAllBytes(p)).equals(sum);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).count();
        }
    }

    private List<String> tmpEntries() throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void rightChecksumRealizesOnceWrongChecksumKeepsNothing() throws Exception {
        RRef r = realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob)));
        assertArrayEquals(blob, Files.readAllBytes(store.path(r).resolve("blob.bin")));
        assertEquals(r, realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", Archives.sha256(blob))));
        assertEquals(1, server.count("/blob.bin"), "the second realize is served from the store");

        String bad = "0".repeat(64);
        Exception e = assertThrows(Exception.class,
                () -> realize("fetchurl", Map.of("url", server.url("/blob.bin"), "sha256", bad)));
        assertTrue(e.getMessage().contains("expected " + bad) && e.getMessage().contains(Archives.sha256(blob)),
                e.getMessage());
        assertEquals(1, copiesInStore(blob));
        assertEquals(List.of(), tmpEntries().stream().filter(n -> !n.endsWith(".lock")).toList());
        assertTrue(store.realizationsOf("fetchurl").size() == 1);
    }

    @Test
    void insecureFetchIsRecordedInTheRealization() throws Exception {
        RRef r = realize("fetchurl", Map.of("url", server.url("/blob.bin"), "insecure", "true"));
        String meta = Files.readString(store.path(r).resolve("_meta/meta.json"));
        assertTrue(meta.contains("\"insecure\"") && meta.contains(Archives.sha256(blob)), meta);
    }

    @Test
    void unpackDependsOnTheFetchAndHoldsTheContents() throws Exception {
        byte[] tgz = Archives.gzip(Archives.tar("data/", "", "data/a.txt", "A", "data/b.txt", "B"));
        server.serve("/files/data.tgz", tgz);
        RRef r = realize("unpack", Map.of("url", server.url("/files/data.tgz"), "sha256", Archives.sha256(tgz)));
        assertEquals("A", Files.readString(store.path(r).resolve("data/a.txt")));
        assertEquals("B", Files.readString(store.path(r).resolve("data/b.txt")));
        // the archive itself is the fetchurl realization the unpack depends on
        RRef fetched = realizer.dependency(r, "archive");
        assertArrayEquals(tgz, Files.readAllBytes(store.path(fetched).resolve("data.tgz")));
        // an unsafe archive fails the unpack and leaves no realization of it
        byte[] evil = Archives.tar("../evil.txt", "x");
        server.serve("/evil.tar", evil);
        Exception e = assertThrows(Exception.class,
                () -> realize("unpack", Map.of("url", server.url("/evil.tar"), "sha256", Archives.sha256(evil))));
        assertTrue(e.getMessage().contains("outside the output folder"), e.getMessage());
        assertEquals(1, store.realizationsOf("unpack").size());
        assertEquals(false, Files.exists(root.resolve("evil.txt")));
    }
}
