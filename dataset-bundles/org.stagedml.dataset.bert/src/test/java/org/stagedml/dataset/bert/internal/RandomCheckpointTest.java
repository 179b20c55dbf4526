package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;

class RandomCheckpointTest {
    static final BertConfig TINY = new BertConfig(200, 8, 2, 2, 16, 16, 2);

    @TempDir
    Path dir;

    @Test
    void writesGooglesVariablesAndRestoresThemByName() throws Exception {
        Path out = Files.createDirectory(dir.resolve("a"));
        List<String> vocab = SyntheticVocab.ofSize(200, true);
        long params = RandomCheckpoint.write(out, TINY, vocab, true, 7);

        Set<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.copyOf(BertLayout.FILES), files);

        RandomBertWeights weights = new RandomBertWeights(TINY, 7);
        List<String> names = weights.names();
        // 5 embedding variables, 16 per layer, 2 for the pooler
        assertEquals(5 + 16 * 2 + 2, names.size());
        assertTrue(names.contains("bert/encoder/layer_1/attention/self/query/kernel"));
        assertTrue(names.contains("bert/encoder/layer_0/attention/output/LayerNorm/gamma"));
        assertTrue(names.contains("bert/pooler/dense/bias"));
        assertArrayEquals(new long[] {8, 16}, weights.shape("bert/encoder/layer_0/intermediate/dense/kernel"));
        assertArrayEquals(new long[] {200, 8}, weights.shape("bert/embeddings/word_embeddings"));

        List<float[]> restored = CheckpointWriter.read(out.resolve(BertLayout.CHECKPOINT_PREFIX), names);
        long total = 0;
        for (int i = 0; i < names.size(); i++) {
            assertArrayEquals(weights.entry(names.get(i)).values(), restored.get(i), names.get(i));
            total += restored.get(i).length;
        }
        assertEquals(params, total);

        float[] emb = restored.get(names.indexOf("bert/embeddings/word_embeddings"));
        double sum = 0, sq = 0;
        for (float v : emb) {
            assertTrue(Math.abs(v) <= 0.04f, "truncated at 2 stddev: " + v);
            sum += v;
            sq += v * v;
        }
        double std = Math.sqrt(sq / emb.length - (sum / emb.length) * (sum / emb.length));
        assertTrue(std > 0.012 && std < 0.022, "stddev near 0.02 (truncation lowers it to ~0.0176): " + std);
        float[] gamma = restored.get(names.indexOf("bert/embeddings/LayerNorm/gamma"));
        float[] ones = new float[8];
        Arrays.fill(ones, 1f);
        assertArrayEquals(ones, gamma);
        assertArrayEquals(new float[16], restored.get(names.indexOf("bert/encoder/layer_1/intermediate/dense/bias")));

        JsonNode config = JsonFiles.read(out.resolve(BertLayout.CONFIG));
        assertEquals(200, config.get("vocab_size").intValue());
        assertEquals(2, config.get("num_hidden_layers").intValue());
        assertEquals("gelu", config.get("hidden_act").textValue());
        JsonNode model = JsonFiles.read(out.resolve(BertLayout.MODEL_JSON));
        assertTrue(model.get("do_lower_case").booleanValue());

        FullTokenizer tok = new FullTokenizer(out.resolve(BertLayout.VOCAB), true);
        assertEquals(List.of("h", "##i", "!", "[UNK]"), tok.tokenize("Hi! \u00FE"));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherWeights() throws Exception {
        List<String> vocab = SyntheticVocab.ofSize(200, true);
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path c = Files.createDirectory(dir.resolve("c"));
        RandomCheckpoint.write(a, TINY, vocab, true, 1);
        RandomCheckpoint.write(b, TINY, vocab, true, 1);
        RandomCheckpoint.write(c, TINY, vocab, true, 2);
        for (String f : BertLayout.FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve(BertLayout.CHECKPOINT_DATA)),
                Files.readAllBytes(c.resolve(BertLayout.CHECKPOINT_DATA))));
    }

    @Test
    void rejectsShapesBertCannotUse() {
        ConfigException e = assertThrows(ConfigException.class, () -> new BertConfig(40, 10, 1, 3, 16, 16, 2));
        assertTrue(e.getMessage().contains("multiple of num_attention_heads"), e.getMessage());
        assertThrows(ConfigException.class, () -> new BertConfig(40, 8, 0, 2, 16, 16, 2));
        assertThrows(ConfigException.class, () -> SyntheticVocab.ofSize(3, true));
        assertThrows(ConfigException.class, () -> SyntheticVocab.checked(List.of("[UNK]", "a", "a")));
        assertThrows(ConfigException.class, () -> SyntheticVocab.checked(List.of("a b", "[UNK]")));
        assertThrows(ConfigException.class, () -> SyntheticVocab.checked(List.of("a\u00A0", "[UNK]")));
        assertThrows(ConfigException.class, () -> SyntheticVocab.checked(List.of("a")));
    }
}
