package org.stagedml.dataset.mnist.internal;

import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.LoopbackHttpServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.fetch.internal.FetchLocalStage;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;

/** mnist with its real fetch dependencies, through the real realizer and store. */
class RealizeMnistTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;

    private void start(MnistSources sources) {
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 2, Duration.ofMillis(10))), new FetchLocalStage())
                .add("org.stagedml.dataset.mnist", new MnistStage(sources));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RRef realize(Map<String, ?> overrides) throws InterruptedException {
        return fixture.realize("mnist", overrides);
    }

    @Test
    void fashionFromUrlsWithMd5AndFromADebianFolderWithSha256() throws Exception {
        MnistFiles f = new MnistFiles(30, 10, 5);
        server = new LoopbackHttpServer();
        Map<String, SourceFile> urls = new HashMap<>();
        Map<String, SourceFile> debian = new HashMap<>();
        Path debianDir = Files.createDirectories(tmp.resolve("debian"));
        for (Map.Entry<String, String> part : MnistSources.PARTS.entrySet()) {
            byte[] gz = MnistFiles.gzip(f.idx().get(part.getValue()));
            server.serve("/" + part.getValue() + ".gz", gz);
            urls.put(part.getKey(), new SourceFile(server.url("/" + part.getValue() + ".gz"), "md5",
                    MnistFiles.hex("MD5", gz)));
            // Debian recompresses: other .gz bytes, same IDX content
            byte[] regz = MnistFiles.gzip(java.util.Arrays.copyOf(f.idx().get(part.getValue()),
                    f.idx().get(part.getValue()).length));
            Path local = Files.write(debianDir.resolve(part.getValue() + ".gz"), regz);
            debian.put(part.getKey(), new SourceFile(local.toString(), "sha256", MnistFiles.hex("SHA-256", regz)));
        }
        start(new MnistSources(MnistSources.official().digitsNpz(), urls, debianDir, debian));

        RRef fromUrl = realize(Map.of("source", "url"));
        Path p = fixture.path(fromUrl);
        for (Map.Entry<String, byte[]> e : f.idx().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(p.resolve(e.getKey())));
        }
        JsonNode ds = Json.mapper().readTree(p.resolve("dataset.json").toFile());
        assertEquals(30, ds.get("train").asInt());
        assertEquals(fromUrl, realize(Map.of("source", "url")));
        assertEquals(1, server.count("/train-images-idx3-ubyte.gz"), "served from the store the second time");

        RRef fromDebian = realize(Map.of());
        assertEquals("fetchlocal", fixture.dependency(fromDebian, "train_images").name());
        for (Map.Entry<String, byte[]> e : f.idx().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(fixture.path(fromDebian).resolve(e.getKey())));
        }
    }

    @Test
    void aCorruptDownloadFailsTheMd5CheckAndNothingIsBuilt() throws Exception {
        MnistFiles f = new MnistFiles(6, 2, 6);
        server = new LoopbackHttpServer();
        Map<String, SourceFile> urls = new HashMap<>();
        for (Map.Entry<String, String> part : MnistSources.PARTS.entrySet()) {
            byte[] gz = MnistFiles.gzip(f.idx().get(part.getValue()));
            server.serve("/" + part.getValue() + ".gz", part.getKey().equals("t10k_labels") ? new byte[] {1, 2} : gz);
            urls.put(part.getKey(), new SourceFile(server.url("/" + part.getValue() + ".gz"), "md5",
                    MnistFiles.hex("MD5", gz)));
        }
        start(new MnistSources(MnistSources.official().digitsNpz(), urls, tmp.resolve("absent"), Map.of()));
        Exception e = assertThrows(Exception.class, () -> realize(Map.of()));
        assertTrue(e.getMessage().contains("md5 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("mnist"));
    }

    @Test
    void digitsFromAnNpzUrl() throws Exception {
        MnistFiles f = new MnistFiles(8, 4, 7);
        server = new LoopbackHttpServer();
        byte[] npz = f.npz(false);
        server.serve("/tf-keras-datasets/mnist.npz", npz);
        MnistSources o = MnistSources.official();
        start(new MnistSources(new SourceFile(server.url("/tf-keras-datasets/mnist.npz"), "sha256",
                MnistFiles.hex("SHA-256", npz)), o.fashionUrls(), tmp.resolve("absent"), o.fashionDebian()));
        RRef r = realize(Map.of("variant", "digits"));
        for (Map.Entry<String, byte[]> e : f.idx().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(fixture.path(r).resolve(e.getKey())));
        }
    }

    static boolean debianPackageInstalled() {
        return Files.isDirectory(MnistSources.official().debianDir());
    }

    /** The real package files against the catalog's checksums (runs where dataset-fashion-mnist is installed). */
    @Test
    @EnabledIf("debianPackageInstalled")
    void theInstalledDebianPackageGivesTheFullDataset() throws Exception {
        start(MnistSources.official());
        RRef r = realize(Map.of("variant", "fashion", "source", "debian"));
        JsonNode ds = Json.mapper().readTree(fixture.path(r).resolve("dataset.json").toFile());
        assertEquals(60000, ds.get("train").asInt());
        assertEquals(10000, ds.get("test").asInt());
        assertEquals(28, ds.get("rows").asInt());
        assertEquals(16 + 60000L * 28 * 28, Files.size(fixture.path(r).resolve("train-images-idx3-ubyte")));
        assertEquals(8 + 10000L, Files.size(fixture.path(r).resolve("t10k-labels-idx1-ubyte")));
    }
}
