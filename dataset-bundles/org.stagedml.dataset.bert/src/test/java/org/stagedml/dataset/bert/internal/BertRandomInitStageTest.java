package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.BertLayout;

/** bert-random-init through the real realizer and FileStore. */
class BertRandomInitStageTest {
    @TempDir
    Path dir;

    private static Map<String, Object> tiny(Object vocab, long seed) {
        return Map.of("hidden_size", 8, "num_hidden_layers", 1, "num_attention_heads", 2, "intermediate_size", 16,
                "max_position_embeddings", 32, "vocab", Json.mapper().valueToTree(vocab), "seed", seed);
    }

    @Test
    void writesTheLayoutWithAGivenVocabularyAndIsReproducibleAcrossStores() throws Exception {
        List<String> tokens = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "##s");
        RRef a;
        RRef b;
        Path out;
        try (RealizeFixture one = FixtureGlue.store(dir.resolve("one")); RealizeFixture two = FixtureGlue.store(dir.resolve("two"))) {
            a = one.realize("bert-random-init", tiny(tokens, 9));
            b = two.realize("bert-random-init", tiny(tokens, 9));
            out = one.path(a);
            assertEquals(String.join("\n", tokens) + "\n", Files.readString(out.resolve(BertLayout.VOCAB)));
            JsonNode config = JsonFiles.read(out.resolve(BertLayout.CONFIG));
            assertEquals(6, config.get("vocab_size").intValue());
            assertEquals(32, config.get("max_position_embeddings").intValue());
            JsonNode model = JsonFiles.read(out.resolve(BertLayout.MODEL_JSON));
            assertEquals("random-init", model.get("model").textValue());
            assertTrue(model.get("do_lower_case").booleanValue());
            // the output hash covers every byte: equal hashes in two stores mean identical files
            assertEquals(a.toString().split("-")[0], b.toString().split("-")[0]);
            RRef other = one.realize("bert-random-init", tiny(tokens, 10));
            assertNotEquals(a.toString().split("-")[0], other.toString().split("-")[0]);
        }
    }

    @Test
    void refusesSizesAndVocabulariesBertCannotUse() {
        try (RealizeFixture fx = FixtureGlue.store(dir.resolve("s"))) {
            Map<String, Object> badHeads = new java.util.HashMap<>(tiny(64, 1));
            badHeads.put("num_attention_heads", 3);
            ConfigException e = assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-random-init", badHeads));
            assertTrue(e.getMessage().contains("bert-random-init") && e.getMessage().contains("num_attention_heads"), e.getMessage());
            assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-random-init", tiny(List.of("a", "b"), 1)));
            assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-random-init", tiny("many", 1)));
            assertThrows(ConfigException.class, () -> fx.realizer().instantiate("bert-random-init", tiny(2, 1)));
        }
    }
}
