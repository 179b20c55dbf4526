package org.stagedml.dataset.squad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/** squad with its real fetchurl dependencies against a loopback server, through the real realizer and store. */
class RealizeSquadTest {
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    private void start(String devSha256) throws Exception {
        byte[] train = SquadFiles.file("train");
        byte[] dev = SquadFiles.file("dev");
        server.serve("/SQuAD-explorer/dataset/train-v1.1.json", train);
        server.serve("/SQuAD-explorer/dataset/dev-v1.1.json", dev);
        SquadSources sources = new SquadSources(
                Map.of("train", server.url("/SQuAD-explorer/dataset/train-v1.1.json"),
                        "dev", server.url("/SQuAD-explorer/dataset/dev-v1.1.json")),
                Map.of("train", sha256(train), "dev", devSha256 != null ? devSha256 : sha256(dev)));
        fixture = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.squad", new SquadStage(sources));
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

    @Test
    void fetchedNormalizedAndServedFromTheStoreTheSecondTime() throws Exception {
        start(null);
        RRef r = fixture.realize("squad", Map.of());
        Path p = fixture.path(r);
        assertEquals(3, SquadStageTest.lines(p.resolve("dev.jsonl")).size());
        assertEquals("train-3", SquadStageTest.lines(p.resolve("train.jsonl")).get(2).get("id").asText());
        assertEquals("fetchurl", fixture.dependency(r, "dev").name());
        assertEquals(r, fixture.realize("squad", Map.of()));
        assertEquals(1, server.count("/SQuAD-explorer/dataset/dev-v1.1.json"));
        assertEquals(1, server.count("/SQuAD-explorer/dataset/train-v1.1.json"));
    }

    @Test
    void aFileWithTheWrongChecksumFailsAndNothingIsKept() throws Exception {
        start("0".repeat(64));
        Exception e = assertThrows(Exception.class, () -> fixture.realize("squad", Map.of()));
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertEquals(List.of(), fixture.store().realizationsOf("squad"));
    }
}
