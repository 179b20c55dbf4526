package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.PretrainingExample;
import org.stagedml.dataset.bert.TfRecordReader;
import org.stagedml.dataset.bert.Vocabulary;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.RealizeFixture;

/**
 * bert-pretrain-data end to end through the real realizer and FileStore: a tiny bert-random-init
 * (synthetic vocabulary: letters and ## letters, so every word of several letters has ## pieces) and
 * a stand-in text-lines stage.
 */
class BertPretrainDataStageTest {
    private static final int SEQ = 64;
    private static final int PREDICTIONS = 10;

    @TempDir
    Path dir;
    private RealizeFixture fx;
    private GeneratedTextLinesStage text;

    @BeforeEach
    void start() {
        text = new GeneratedTextLinesStage("generated-text");
        fx = store(dir.resolve("store"), text);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static RealizeFixture store(Path root, GeneratedTextLinesStage text) {
        // fetchurl only to instantiate bert-checkpoint (never built here)
        return new RealizeFixture(root).add(new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ZERO)),
                new BertRandomInitStage(), new BertCheckpointStage(), new BertPretrainDataStage(), text,
                new GeneratedTextLinesStage("wikitext"));
    }

    static Map<String, Object> config(long seed, boolean wholeWord) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text", "generated-text");
        c.put("text.documents", 40);
        c.put("bert", "bert-random-init");
        c.put("bert.vocab", 200);
        c.put("bert.hidden_size", 8);
        c.put("bert.num_hidden_layers", 1);
        c.put("bert.num_attention_heads", 2);
        c.put("bert.intermediate_size", 16);
        c.put("bert.max_position_embeddings", SEQ);
        c.put("max_seq_length", SEQ);
        c.put("max_predictions_per_seq", PREDICTIONS);
        c.put("dupe_factor", 3);
        c.put("dev_fraction", 0.1);
        c.put("seed", seed);
        c.put("whole_word_mask", wholeWord);
        return c;
    }

    static List<PretrainingExample> read(Path file) throws IOException {
        List<PretrainingExample> out = new ArrayList<>();
        try (TfRecordReader r = new TfRecordReader(file)) {
            for (byte[] rec = r.next(); rec != null; rec = r.next()) {
                out.add(PretrainingExample.fromExample(rec));
            }
        }
        return out;
    }

    @Test
    void writesTheLayoutOfConsistentExamplesAndServesTheSecondRealizeFromTheStore() throws Exception {
        RRef rref = fx.realize("bert-pretrain-data", config(1, false));
        Path out = fx.path(rref);
        assertEquals(List.of("data.json", "dev.tfrecord", "train.tfrecord", "vocab.txt"),
                fx.outputFiles(rref).stream().map(Path::toString).toList(), "the outputs, and no work files left");
        Path bert = fx.path(fx.dependency(rref, "bert"));
        assertArrayEquals(Files.readAllBytes(bert.resolve(BertLayout.VOCAB)), Files.readAllBytes(out.resolve("vocab.txt")));
        Vocabulary vocab = Vocabulary.load(out.resolve("vocab.txt"));

        JsonNode data = JsonFiles.read(out.resolve("data.json"));
        assertEquals(SEQ, data.get("max_seq_length").intValue());
        assertEquals(PREDICTIONS, data.get("max_predictions_per_seq").intValue());
        assertEquals(200, data.get("vocab_size").intValue());
        assertEquals(4, data.get("documents").get("dev").intValue(), "10% of 40 documents held out");
        assertEquals(36, data.get("documents").get("train").intValue());
        List<PretrainingExample> train = read(out.resolve("train.tfrecord"));
        List<PretrainingExample> dev = read(out.resolve("dev.tfrecord"));
        assertEquals(data.get("counts").get("train").intValue(), train.size());
        assertEquals(data.get("counts").get("dev").intValue(), dev.size());
        assertTrue(train.size() > 8 * dev.size(), train.size() + " train (3 dupes of 36 documents), " + dev.size() + " dev");
        assertFalse(dev.isEmpty());

        int cls = vocab.id("[CLS]");
        int sep = vocab.id("[SEP]");
        int mask = vocab.id("[MASK]");
        long randomNext = 0;
        long predictions = 0;
        long tokens = 0;
        for (PretrainingExample x : train) {
            assertEquals(SEQ, x.inputIds().length);
            assertEquals(PREDICTIONS, x.maskedLmPositions().length);
            int n = x.length();
            tokens += n;
            assertTrue(n >= 5 && n <= SEQ);
            for (int k = 0; k < SEQ; k++) {
                assertEquals(k < n ? 1 : 0, x.inputMask()[k], "the mask covers the real tokens");
            }
            assertEquals(cls, x.inputIds()[0]);
            assertEquals(sep, x.inputIds()[n - 1]);
            int firstSep = indexOf(x.inputIds(), sep);
            for (int k = 0; k < SEQ; k++) {
                int expected = k <= firstSep || k >= n ? 0 : 1;
                assertEquals(expected, x.segmentIds()[k], "segment id at " + k + " of " + x);
            }
            int p = x.predictions();
            predictions += p;
            assertEquals(Math.min(PREDICTIONS, Math.max(1, (int) Math.rint(n * 0.15))), p);
            for (int k = 0; k < PREDICTIONS; k++) {
                assertEquals(k < p ? 1f : 0f, x.maskedLmWeights()[k]);
                if (k >= p) {
                    assertEquals(0, x.maskedLmPositions()[k]);
                    assertEquals(0, x.maskedLmIds()[k]);
                } else {
                    int at = x.maskedLmPositions()[k];
                    assertTrue(at > 0 && at < n - 1 && at != firstSep, "[CLS] and [SEP] are never masked");
                    assertTrue(x.maskedLmIds()[k] != cls && x.maskedLmIds()[k] != sep);
                }
            }
            randomNext += x.nextSentenceLabel();
        }
        double nsp = (double) randomNext / train.size();
        assertTrue(nsp > 0.35 && nsp < 0.7, "random next share " + nsp + " of " + train.size());
        assertEquals(randomNext, data.get("random_next").get("train").longValue());
        assertEquals(predictions, data.get("masked_lm_predictions").get("train").longValue());
        double masked = (double) predictions / tokens;
        assertTrue(masked > 0.12 && masked < 0.18, "masked share " + masked);
        long asMask = train.stream().mapToLong(x -> {
            long m = 0;
            for (int k = 0; k < x.predictions(); k++) {
                m += x.inputIds()[x.maskedLmPositions()[k]] == mask ? 1 : 0;
            }
            return m;
        }).sum();
        double share = (double) asMask / predictions;
        assertTrue(share > 0.74 && share < 0.86, "[MASK] share " + share + " of " + predictions);

        RRef again = fx.realize("bert-pretrain-data", config(1, false));
        assertEquals(rref, again);
        assertEquals(1, fx.store().realizationsOf("bert-pretrain-data").size(), "served from the store");
        assertEquals(1, text.builds());
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theSeedDecidesEveryByte() throws Exception {
        Path a = fx.path(fx.realize("bert-pretrain-data", config(5, false)));
        Path b = fx.path(fx.realize("bert-pretrain-data", config(6, false)));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("train.tfrecord")), Files.readAllBytes(b.resolve("train.tfrecord"))));
        try (RealizeFixture other = store(dir.resolve("store2"), new GeneratedTextLinesStage("generated-text"))) {
            Path again = other.path(other.realize("bert-pretrain-data", config(5, false)));
            for (String file : PretrainDataWriter.OUTPUTS) {
                assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
            }
        }
    }

    @Test
    void wholeWordMaskingMasksEveryPieceOfAWord() throws Exception {
        Path out = fx.path(fx.realize("bert-pretrain-data", config(2, true)));
        Vocabulary vocab = Vocabulary.load(out.resolve("vocab.txt"));
        int cls = vocab.id("[CLS]");
        int sep = vocab.id("[SEP]");
        long pieces = 0;
        for (PretrainingExample x : read(out.resolve("train.tfrecord"))) {
            int n = x.length();
            int[] original = Arrays.copyOf(x.inputIds(), n);
            boolean[] masked = new boolean[n];
            for (int k = 0; k < x.predictions(); k++) {
                original[x.maskedLmPositions()[k]] = x.maskedLmIds()[k];
                masked[x.maskedLmPositions()[k]] = true;
            }
            int previous = -1; // the candidate before: [CLS] and [SEP] are none
            for (int p = 0; p < n; p++) {
                if (original[p] == cls || original[p] == sep) {
                    continue;
                }
                if (previous >= 0 && vocab.token(original[p]).startsWith("##")) {
                    pieces += masked[p] ? 1 : 0;
                    assertEquals(masked[previous], masked[p], "a ## piece is masked with the piece before it: " + x);
                }
                previous = p;
            }
            assertTrue(x.predictions() <= Math.min(PREDICTIONS, Math.max(1, (int) Math.rint(n * 0.15))));
        }
        assertTrue(pieces > 100, "masked ## pieces: " + pieces);
    }

    @Test
    void theDefaultsAreWikitextAndARandomBert() {
        Closure c = fx.realizer().instantiate("bert-pretrain-data", Map.of());
        List<String> stages = c.nodes().stream().map(x -> x.derivation().stage()).sorted().toList();
        assertEquals(List.of("bert-pretrain-data", "bert-random-init", "wikitext"), stages);
        Closure google = fx.realizer().instantiate("bert-pretrain-data", Map.of("bert", "bert-checkpoint", "model", "mini"));
        var bert = google.nodes().stream().filter(x -> x.derivation().stage().equals("bert-checkpoint")).findFirst().orElseThrow();
        assertEquals("mini", bert.derivation().config().getString("model"));
    }

    @Test
    void refusesBadConfigsWithClearMessagesAndLeavesTheStoreAsItWas() throws Exception {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("max_seq_length", 4, "dev_fraction", 1.0,
                "masked_lm_prob", 0.0, "dupe_factor", 0, "max_predictions_per_seq", 0).entrySet()) {
            Map<String, Object> c = config(1, false);
            c.put(bad.getKey(), bad.getValue());
            ConfigException e = assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-pretrain-data", c));
            assertTrue(e.getMessage().contains(bad.getKey()) && e.getMessage().contains("bert-pretrain-data"), e.getMessage());
        }
        Map<String, Object> wrongLayout = config(1, false);
        wrongLayout.keySet().removeIf(k -> k.startsWith("text"));
        wrongLayout.put("text", "bert-random-init");
        ConfigException layout = assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-pretrain-data", wrongLayout));
        assertTrue(layout.getMessage().contains("text-lines"), layout.getMessage());

        Map<String, Object> tooLong = config(1, false);
        tooLong.put("max_seq_length", SEQ + 1);
        Exception e = assertThrows(Exception.class, () -> fx.realize("bert-pretrain-data", tooLong));
        assertTrue(e.getMessage().contains("max_position_embeddings"), e.getMessage());

        Map<String, Object> tiny = config(1, false);
        tiny.put("text.documents", 3);
        Exception few = assertThrows(Exception.class, () -> fx.realize("bert-pretrain-data", tiny));
        assertTrue(few.getMessage().contains("3 documents") && few.getMessage().contains("dev_fraction"), few.getMessage());
        assertEquals(List.of(), fx.store().realizationsOf("bert-pretrain-data"));
        assertEquals(List.of(), fx.leftovers());
    }
}
