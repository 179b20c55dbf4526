package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.GlueFeaturesStage;
import org.stagedml.dataset.glue.internal.RusentimentStage;
import org.stagedml.testing.RealizeFixture;

/**
 * {@code bert-finetune-glue data=rusentiment}: RuSentiment's three CSVs generated in their real format
 * (header label,text; quoted posts, some over two lines), where a post's label is told by one marker
 * word among Cyrillic filler words, capitalized or not; a tiny cased random-init BERT whose vocabulary
 * holds those Cyrillic words (both cases) fine-tunes on them through the real realizer and beats the
 * chance of five classes clearly.
 */
class BertRusentimentTest {
    /** The marker words of the five labels, in RuSentiment's label order. */
    private static final Map<String, List<String>> MARKERS = new LinkedHashMap<>();
    private static final List<String> FILLER = List.of("я", "ты", "мы", "вчера", "сегодня", "дом", "кот", "город",
            "друг", "утро", "вечер", "работа", "лето", "зима", "море");

    static {
        MARKERS.put("negative", List.of("плохо", "ужасно"));
        MARKERS.put("neutral", List.of("новость", "отчёт"));
        MARKERS.put("positive", List.of("отлично", "люблю"));
        MARKERS.put("skip", List.of("реклама", "скидка"));
        MARKERS.put("speech", List.of("спасибо", "поздравляю"));
    }

    @TempDir
    Path tmp;

    private static String capital(String w) {
        return w.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + w.substring(1);
    }

    /** One CSV of n posts as pandas writes RuSentiment's: label,text, a post with a comma or line break quoted. */
    static String csv(Random r, int n) {
        List<String> labels = List.copyOf(MARKERS.keySet());
        StringBuilder b = new StringBuilder("label,text\n");
        for (int i = 0; i < n; i++) {
            String label = labels.get(i % labels.size());
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                words.add(FILLER.get(r.nextInt(FILLER.size())));
            }
            String marker = MARKERS.get(label).get(r.nextInt(2));
            words.add(r.nextInt(words.size() + 1), r.nextBoolean() ? capital(marker) : marker);
            String text = String.join(" ", words);
            text = switch (i % 3) {
                case 0 -> "\"" + text.replaceFirst(" ", ", ") + "!\"";
                case 1 -> "\"" + text.replaceFirst(" ", "\n") + "\"";
                default -> text;
            };
            b.append(label).append(',').append(text).append('\n');
        }
        return b.toString();
    }

    /** The cased vocabulary: BERT's specials, punctuation, every word lower and capitalized. */
    static List<String> vocab() {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ",", "!", "."));
        List<String> words = new ArrayList<>(FILLER);
        MARKERS.values().forEach(words::addAll);
        for (String w : words) {
            v.add(w);
            v.add(capital(w));
        }
        return v;
    }

    @Test
    void aTinyCasedBertBeatsChanceOnRusentimentFormattedPosts() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("rusentiment"));
        Random r = new Random(5);
        Files.writeString(data.resolve("rusentiment_random_posts.csv"), csv(r, 400), StandardCharsets.UTF_8);
        Files.writeString(data.resolve("rusentiment_preselected_posts.csv"), csv(r, 100), StandardCharsets.UTF_8);
        Files.writeString(data.resolve("rusentiment_test.csv"), csv(r, 50), StandardCharsets.UTF_8);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("data", "rusentiment");
        o.put("data.path", data.toString());
        o.put("bert", "bert-random-init");
        o.put("bert.vocab", Json.mapper().valueToTree(vocab()));
        o.put("bert.do_lower_case", false);
        o.put("bert.hidden_size", 32);
        o.put("bert.num_hidden_layers", 1);
        o.put("bert.num_attention_heads", 2);
        o.put("bert.intermediate_size", 64);
        o.put("bert.max_position_embeddings", 32);
        o.put("max_seq_length", 12);
        o.put("lr", 1e-3);
        o.put("batch", 16);
        o.put("epochs", 6);
        o.put("eval_batch", 50);
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new RusentimentStage(),
                new BertRandomInitStage(), new GlueFeaturesStage(), new BertFinetuneGlueStage(null))) {
            RRef rref = fx.realize(BertFinetuneGlueStage.NAME, o);
            double accuracy = fx.metrics(rref).get("accuracy");
            assertTrue(accuracy >= 0.6, "dev accuracy " + accuracy + " (chance is 0.2)");
            Path dataset = fx.path(fx.dependency(rref, "data"));
            JsonNode task = Json.mapper().readTree(dataset.resolve("task.json").toFile());
            assertEquals(List.of("negative", "neutral", "positive", "skip", "speech"),
                    Json.mapper().convertValue(task.get("labels"), List.class));
            assertEquals(50, task.get("counts").get("dev").asInt());
            // the vocabulary is cased: capitalized markers are their own pieces, not [UNK] and not lower-cased
            Path bert = fx.path(fx.dependency(rref, "bert"));
            JsonNode model = Json.mapper().readTree(bert.resolve("model.json").toFile());
            assertFalse(model.get("do_lower_case").asBoolean());
            assertEquals(List.of("Спасибо", ",", "кот", "!"),
                    new FullTokenizer(bert.resolve("vocab.txt"), false).tokenize("Спасибо, кот!"));
            System.out.println("rusentiment-format dev accuracy of the tiny cased BERT: " + accuracy);
        }
    }
}
