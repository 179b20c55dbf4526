package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Stage;

/**
 * A generated corpus with structure, in the text-lines layout: documents about one of
 * {@link #TOPICS} topics, each sentence {@code the <adjective> <noun> <verb> a <noun>} with the
 * topic's adjective and verb and two nouns of the topic's two. So a masked adjective or verb is
 * predictable from the nouns (a unigram guess is not), and a random next sentence is told apart by
 * its topic. The vocabulary ({@link #vocabulary()}) holds every word and the letters a-z (for the
 * generated GLUE task), each one WordPiece token.
 */
final class GeneratedCorpus {
    static final int TOPICS = 8;

    private GeneratedCorpus() {
    }

    static String adjective(int t) {
        return "adj" + (char) ('a' + t);
    }

    static String verb(int t) {
        return "verb" + (char) ('a' + t);
    }

    static String noun(int t, int k) {
        return "noun" + (char) ('a' + t) + (k == 0 ? "x" : "y");
    }

    /** BERT's special tokens, the corpus' words, then the letters. */
    static List<String> vocabulary() {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the"));
        for (int t = 0; t < TOPICS; t++) {
            v.add(adjective(t));
            v.add(verb(t));
            v.add(noun(t, 0));
            v.add(noun(t, 1));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            v.add(String.valueOf(c));
        }
        return v;
    }

    /** {@code documents} documents of 4 to 8 sentences, one sentence per line, a blank line between documents. */
    static List<String> lines(int documents, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            int t = r.nextInt(TOPICS);
            int sentences = 4 + r.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                lines.add("The " + adjective(t) + " " + noun(t, r.nextInt(2)) + " " + verb(t) + " a " + noun(t, r.nextInt(2)));
            }
            lines.add("");
        }
        return lines;
    }

    /** A stage {@code generated-text documents=N seed=S} writing {@link #lines} in the text-lines layout. */
    static final class TextStage implements Stage {
        static final String NAME = "generated-text";
        private final AtomicInteger builds = new AtomicInteger();

        int builds() {
            return builds.get();
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "generated documents with structure (text-lines)";
        }

        @Override
        public List<String> provides() {
            return List.of(DataLayouts.TEXT_LINES);
        }

        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.integer("documents", 300, "documents"), FieldSpec.integer("seed", 7, "seed"));
        }

        @Override
        public List<String> promises(Config config) {
            return List.of("corpus.json", "text/corpus.txt");
        }

        @Override
        public void build(BuildContext b) throws IOException {
            builds.incrementAndGet();
            int documents = b.config().getInt("documents");
            List<String> lines = lines(documents, b.config().getLong("seed"));
            Files.createDirectories(b.out().resolve("text"));
            Files.write(b.out().resolve("text/corpus.txt"), lines, StandardCharsets.UTF_8);
            ObjectNode corpus = Json.mapper().createObjectNode();
            corpus.put("language", "en");
            corpus.put("documents", documents);
            corpus.put("sentences", lines.stream().filter(l -> !l.isEmpty()).count());
            corpus.put("files", 1);
            Files.writeString(b.out().resolve("corpus.json"), corpus.toString());
        }
    }

    /** The overrides of bert-random-init for a tiny model over {@link #vocabulary()}. */
    static Map<String, Object> tinyBert(int hidden, int layers, int seqLength) {
        return Map.of("hidden_size", hidden, "num_hidden_layers", layers, "num_attention_heads", 2, "intermediate_size", hidden * 2,
                "max_position_embeddings", seqLength, "vocab", Json.mapper().valueToTree(vocabulary()));
    }
}
