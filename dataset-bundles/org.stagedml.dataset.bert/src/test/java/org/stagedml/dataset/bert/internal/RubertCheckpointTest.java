package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/**
 * {@code bert-checkpoint model=rubert-cased}: the catalog row (DeepPavlov's tar.gz, the original
 * StagedML's sha256) and, end to end through the real realizer and fetchurl on 127.0.0.1, a tar.gz in
 * DeepPavlov's layout (a folder rubert_cased_L-12_H-768_A-12_v2 with the TF1 checkpoint) holding a
 * tiny cased checkpoint whose vocabulary has Cyrillic pieces.
 */
class RubertCheckpointTest {
    static final String FOLDER = "rubert_cased_L-12_H-768_A-12_v2";
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

    @Test
    void theCatalogRowIsDeepPavlovsCasedTarGz() {
        var closure = fx.realizer().instantiate("bert-checkpoint", Map.of("model", "rubert-cased"));
        var fetch = closure.nodes().stream().filter(n -> n.derivation().stage().equals("fetchurl")).findFirst().orElseThrow();
        assertEquals("http://files.deeppavlov.ai/deeppavlov_data/bert/rubert_cased_L-12_H-768_A-12_v2.tar.gz",
                fetch.derivation().config().getString("url"));
        assertEquals("c73145bfdbb91282fd12fe3943d2ddbbf86d1a0c6c810189cf8ec4ce13d6c0c1",
                fetch.derivation().config().getString("sha256"));
        assertEquals(FOLDER + ".tar.gz", fetch.derivation().config().getString("name"));
        assertTrue(fetch.derivation().config().getBoolean("unpack"));
        assertFalse(PretrainedModel.of("rubert-cased").doLowerCase);
        // Google's archives keep their names (and so their derivations)
        assertEquals("multi_cased_L-12_H-768_A-12.zip", PretrainedModel.MULTI_CASED.archiveName());
    }

    @Test
    void aTarGzInDeepPavlovsLayoutBecomesACasedCheckpoint() throws Exception {
        List<String> vocab = new ArrayList<>(SyntheticVocab.ofSize(190, false));
        vocab.addAll(List.of("Привет", "привет", "мир", "##ы", "Мир", "кот", "##ик", "не", "да", "нет"));
        Path src = Files.createDirectories(dir.resolve("src"));
        RandomCheckpoint.write(src, RandomCheckpointTest.TINY, vocab, false, 3);
        byte[] tgz = tarGz(src);
        http.serve("/deeppavlov_data/bert/" + FOLDER + ".tar.gz", tgz);
        String url = http.url("/deeppavlov_data/bert/" + FOLDER + ".tar.gz");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz));

        Path out = fx.path(fx.realize("bert-checkpoint", Map.of("model", "rubert-cased", "url", url, "sha256", sha)));
        JsonNode model = JsonFiles.read(out.resolve(BertLayout.MODEL_JSON));
        assertEquals("rubert-cased", model.get("model").textValue());
        assertEquals(FOLDER, model.get("name").textValue());
        assertFalse(model.get("do_lower_case").booleanValue());
        assertEquals(200, model.get("vocab_lines").intValue());
        assertFalse(Files.exists(out.resolve("bert_model.ckpt.meta")));
        // cased: "Привет" and "привет" are different pieces; "Котик" is not lower-cased into кот ##ик
        FullTokenizer t = new FullTokenizer(out.resolve(BertLayout.VOCAB), BertVocabulary.doLowerCase(out));
        assertEquals(List.of("Привет", "мир", "##ы", "!"), t.tokenize("Привет миры!"));
        assertEquals(List.of("привет", "кот", "##ик"), t.tokenize("привет котик"));
        assertEquals(List.of("[UNK]"), t.tokenize("Котик"));
    }

    /** The archive as DeepPavlov publishes it: one folder with the checkpoint files and a .meta graph. */
    private static byte[] tarGz(Path checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry(FOLDER + "/"));
            tar.closeArchiveEntry();
            for (String f : List.of(BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.CHECKPOINT_INDEX, BertLayout.CHECKPOINT_DATA,
                    "bert_model.ckpt.meta")) {
                byte[] body = f.endsWith(".meta") ? new byte[] {1, 2, 3} : Files.readAllBytes(checkpoint.resolve(f));
                TarArchiveEntry e = new TarArchiveEntry(FOLDER + "/" + f);
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
