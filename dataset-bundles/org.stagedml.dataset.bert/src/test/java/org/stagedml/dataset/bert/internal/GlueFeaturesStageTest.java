package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordReader;

/**
 * glue-features end to end through the real realizer and FileStore: a tiny bert-random-init for the
 * vocabulary and a stand-in glue stage writing glue's documented output.
 */
class GlueFeaturesStageTest {
    private static final Map<String, Object> TINY_BERT = Map.of("hidden_size", 8, "num_hidden_layers", 1,
            "num_attention_heads", 2, "intermediate_size", 16, "max_position_embeddings", 64, "vocab", 200);

    @TempDir
    Path dir;
    private RealizeFixture fx;

    @BeforeEach
    void start() {
        fx = FixtureGlue.store(dir.resolve("store"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Map<String, Object> config(String task, long seed, int maxSeqLength) {
        return Map.of("task", task, "bert_stage", "bert-random-init", "bert_overrides", Json.mapper().valueToTree(TINY_BERT),
                "seed", seed, "max_seq_length", maxSeqLength, "valid_fraction", 0.2);
    }

    private static List<InputFeatures> read(Path file) throws IOException {
        List<InputFeatures> out = new ArrayList<>();
        try (TfRecordReader r = new TfRecordReader(file)) {
            for (byte[] rec = r.next(); rec != null; rec = r.next()) {
                out.add(InputFeatures.fromExample(rec));
            }
        }
        return out;
    }

    @Test
    void writesSplitsOfBertInputsForAPairClassificationTask() throws Exception {
        RRef rref = fx.realize("glue-features", config("PAIRS", 5, 48));
        Path out = fx.path(rref);
        JsonNode f = JsonFiles.read(out.resolve("features.json"));
        assertEquals("PAIRS", f.get("task").textValue());
        assertEquals(48, f.get("max_seq_length").intValue());
        assertEquals("label_ids", f.get("label_feature").textValue());
        assertEquals(List.of("0", "1"), Json.mapper().convertValue(f.get("labels"), List.class));
        // 20% of 30 train examples held out
        assertEquals(24, f.get("counts").get("train").intValue());
        assertEquals(6, f.get("counts").get("valid").intValue());
        assertEquals(FixtureGlue.DEV, f.get("counts").get("dev").intValue());
        assertEquals(FixtureGlue.TEST, f.get("counts").get("test").intValue());
        assertEquals(FixtureGlue.MISMATCHED, f.get("counts").get("dev_mismatched").intValue());
        assertEquals(FixtureGlue.MISMATCHED, read(out.resolve("dev_mismatched.tfrecord")).size());

        List<InputFeatures> train = read(out.resolve("train.tfrecord"));
        List<InputFeatures> valid = read(out.resolve("valid.tfrecord"));
        List<InputFeatures> dev = read(out.resolve("dev.tfrecord"));
        assertEquals(24, train.size());
        assertEquals(6, valid.size());
        Set<InputFeatures> all = new HashSet<>(train);
        all.addAll(valid);
        assertEquals(30, all.size(), "train and valid partition the 30 distinct train examples");

        // dev keeps its order; each input is [CLS] a [SEP] b [SEP] with the bert dependency's vocabulary
        Path bert = fx.store().path(fx.realizer().dependency(rref, "bert"));
        FullTokenizer tok = new FullTokenizer(bert.resolve(BertLayout.VOCAB), true);
        InputFeatures d1 = dev.get(1);
        List<String> a = tok.tokenize("Sentence number 1 of dev.");
        List<String> b = tok.tokenize("Pair 1!");
        List<String> expected = new ArrayList<>();
        expected.add("[CLS]");
        expected.addAll(a);
        expected.add("[SEP]");
        expected.addAll(b);
        expected.add("[SEP]");
        int n = expected.size();
        assertEquals(expected, tok.convertIdsToTokens(java.util.Arrays.copyOf(d1.inputIds(), n)));
        assertEquals(0, d1.inputIds()[n]);
        assertEquals(n, java.util.Arrays.stream(d1.inputMask()).sum());
        assertEquals(b.size() + 1, java.util.Arrays.stream(d1.segmentIds()).sum());
        assertEquals(1, d1.labelId());
        assertTrue(d1.isRealExample());
        // long first sentences are cut to max_seq_length
        InputFeatures d0 = dev.get(0);
        assertEquals(48, java.util.Arrays.stream(d0.inputMask()).sum());
        assertTrue(f.get("truncated").intValue() > 0);
        // test has no labels: label 0, still real
        assertTrue(read(out.resolve("test.tfrecord")).stream().allMatch(x -> x.labelId() == 0 && x.isRealExample()));
    }

    @Test
    void theSeedDecidesTheShuffleAndTheSplit() throws Exception {
        Path a = fx.path(fx.realize("glue-features", config("PAIRS", 5, 24)));
        Path b = fx.path(fx.realize("glue-features", config("PAIRS", 6, 24)));
        assertNotEquals(read(a.resolve("train.tfrecord")), read(b.resolve("train.tfrecord")));
        assertEquals(read(a.resolve("dev.tfrecord")), read(b.resolve("dev.tfrecord")));
        // the same config again: the same bytes (built afresh in a second store)
        try (RealizeFixture other = FixtureGlue.store(dir.resolve("store2"))) {
            Path again = other.path(other.realize("glue-features", config("PAIRS", 5, 24)));
            for (String file : FeatureWriter.OUTPUTS) {
                assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
            }
        }
    }

    @Test
    void regressionTasksCarryAFloatLabel() throws Exception {
        Path out = fx.path(fx.realize("glue-features", config("SCORES", 1, 32)));
        JsonNode f = JsonFiles.read(out.resolve("features.json"));
        assertEquals("regression", f.get("type").textValue());
        assertEquals("label", f.get("label_feature").textValue());
        List<InputFeatures> dev = read(out.resolve("dev.tfrecord"));
        assertEquals(0.75, dev.get(3).label());
        assertFalse(dev.stream().anyMatch(x -> x.inputIds().length != 32));
    }

    @Test
    void refusesBadConfigsWithClearMessages() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> fx.realizer().instantiate("glue-features", Map.of("valid_fraction", 1.0)));
        assertTrue(e.getMessage().contains("valid_fraction"), e.getMessage());
        assertThrows(ConfigException.class, () -> fx.realizer().instantiate("glue-features", Map.of("max_seq_length", 2)));
        // longer than the model's positions: found at build time, when the bert config is read
        Exception tooLong = assertThrows(Exception.class, () -> fx.realize("glue-features", config("PAIRS", 1, 100)));
        assertTrue(tooLong.getMessage().contains("max_position_embeddings"), tooLong.getMessage());
        var closure = fx.realizer().instantiate("glue-features", Map.of("task", "RTE", "model", "mini"));
        var bert = closure.nodes().stream().filter(x -> x.derivation().stage().equals("bert-checkpoint")).findFirst().orElseThrow();
        assertEquals("mini", bert.derivation().config().getString("model"));
        var glue = closure.nodes().stream().filter(x -> x.derivation().stage().equals("glue")).findFirst().orElseThrow();
        assertEquals("RTE", glue.derivation().config().getString("task"));
    }
}
