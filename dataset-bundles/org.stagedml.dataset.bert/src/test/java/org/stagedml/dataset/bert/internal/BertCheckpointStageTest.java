package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.api.ConfigException;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.testing.LoopbackHttpServer;

/**
 * bert-checkpoint end to end: the real realizer and FileStore, the real fetchurl downloading from
 * 127.0.0.1 a zip in Google's layout that holds a tiny random checkpoint.
 */
class BertCheckpointStageTest {
    @TempDir
    Path dir;
    private LoopbackHttpServer http;
    private RealizeFixture fx;

    @BeforeEach
    void start() throws IOException {
        http = new LoopbackHttpServer();
        fx = FixtureGlue.store(dir.resolve("store"));
    }

    @AfterEach
    void stop() {
        fx.close();
        http.close();
    }

    /** A zip as Google publishes them: the checkpoint files, optionally inside a folder named after the model. */
    private byte[] googleZip(String folder, Path checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            String prefix = folder.isEmpty() ? "" : folder + "/";
            if (!folder.isEmpty()) {
                z.putNextEntry(new ZipEntry(prefix));
                z.closeEntry();
            }
            for (String f : List.of(BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.CHECKPOINT_INDEX, BertLayout.CHECKPOINT_DATA)) {
                z.putNextEntry(new ZipEntry(prefix + f));
                z.write(Files.readAllBytes(checkpoint.resolve(f)));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(prefix + "bert_model.ckpt.meta"));
            z.write(new byte[] {1, 2, 3});
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Path tinyCheckpoint(String name, boolean lower) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        RandomCheckpoint.write(p, RandomCheckpointTest.TINY, SyntheticVocab.ofSize(200, lower), lower, 3);
        return p;
    }

    @Test
    void fetchesAGoogleZipAndLaysOutTheCheckpoint() throws Exception {
        Path source = tinyCheckpoint("src", true);
        byte[] zip = googleZip("uncased_L-4_H-256_A-4", source);
        http.serve("/bert/uncased_L-4_H-256_A-4.zip", zip);
        String url = http.url("/bert/uncased_L-4_H-256_A-4.zip");

        RRef rref = fx.realize("bert-checkpoint", Map.of("model", "mini", "url", url, "sha256", sha256(zip)));
        Path out = fx.path(rref);
        for (String f : BertLayout.FILES) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("bert_model.ckpt.meta")));
        // large files are hard links into the fetched realization, not copies (same filesystem)
        assertEquals(2, ((Number) Files.getAttribute(out.resolve(BertLayout.CHECKPOINT_DATA), "unix:nlink")).intValue());
        for (String f : CheckpointLayout.TAKEN) {
            assertArrayEquals(Files.readAllBytes(source.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        JsonNode model = JsonFiles.read(out.resolve(BertLayout.MODEL_JSON));
        assertEquals("mini", model.get("model").textValue());
        assertEquals("uncased_L-4_H-256_A-4", model.get("name").textValue());
        assertTrue(model.get("do_lower_case").booleanValue());
        assertEquals(8, model.get("config").get("hidden_size").intValue());

        // the checkpoint restores by name from the realization, as a model stage would load it
        RandomBertWeights weights = new RandomBertWeights(RandomCheckpointTest.TINY, 3);
        String name = "bert/encoder/layer_1/output/dense/kernel";
        assertArrayEquals(weights.entry(name).values(),
                CheckpointWriter.read(out.resolve(BertLayout.CHECKPOINT_PREFIX), List.of(name)).get(0));
        assertEquals(List.of("h", "##e", "##l", "##l", "##o"), new FullTokenizer(out.resolve(BertLayout.VOCAB), true).tokenize("Hello"));

        // realized once: asking again neither builds nor fetches
        int requests = http.requests.size();
        assertEquals(rref, fx.realize("bert-checkpoint", Map.of("model", "mini", "url", url, "sha256", sha256(zip))));
        assertEquals(requests, http.requests.size());
    }

    @Test
    void multiCasedIsNotLowerCasedAndFilesMayLieAtTheTop() throws Exception {
        byte[] zip = googleZip("", tinyCheckpoint("cased", false));
        http.serve("/multi.zip", zip);
        String url = http.url("/multi.zip");
        Path out = fx.path(fx.realize("bert-checkpoint", Map.of("model", "multi-cased", "url", url, "sha256", sha256(zip))));
        JsonNode model = JsonFiles.read(out.resolve(BertLayout.MODEL_JSON));
        assertFalse(model.get("do_lower_case").booleanValue());
        assertEquals("multi-cased", model.get("model").textValue());
    }

    @Test
    void anArchiveWithoutACheckpointFailsAndLeavesNoRealization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a model".getBytes());
            z.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        http.serve("/empty.zip", zip);
        String url = http.url("/empty.zip");
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> fx.realize("bert-checkpoint", Map.of("model", "base", "url", url, "sha256", sha256(zip))));
        assertTrue(e.getMessage().contains("bert_config.json"), e.getMessage());
    }

    @Test
    void configNamesCatalogRowsAndNeedsBothUrlAndSha() {
        var closure = fx.realizer().instantiate("bert-checkpoint", Map.of("model", "large"));
        var fetch = closure.nodes().stream().filter(n -> n.derivation().stage().equals("fetchurl")).findFirst().orElseThrow();
        assertEquals(PretrainedModel.LARGE.url, fetch.derivation().config().getString("url"));
        assertEquals(PretrainedModel.LARGE.sha256, fetch.derivation().config().getString("sha256"));
        assertTrue(fetch.derivation().config().getBoolean("unpack"));
        assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-checkpoint", Map.of("url", "http://127.0.0.1/x.zip")));
        assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-checkpoint", Map.of("model", "huge")));
        assertEquals(PretrainedModel.MULTI_CASED, PretrainedModel.of("multi-cased"));
        assertFalse(PretrainedModel.MULTI_CASED.doLowerCase);
    }
}
