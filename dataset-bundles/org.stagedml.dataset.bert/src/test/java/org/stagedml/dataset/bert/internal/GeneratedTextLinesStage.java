package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Stands in for wikitext / text-corpus (org.stagedml.dataset.wiki, another bundle): {@code documents}
 * generated documents of 3..20 sentences of 3..12 words of 1..8 letters in the text-lines layout,
 * split over two files (the first not ending with a blank line; one separator line holds only
 * spaces). Builds are counted.
 */
final class GeneratedTextLinesStage implements Stage {
    private final String name;
    private final AtomicInteger builds = new AtomicInteger();

    GeneratedTextLinesStage(String name) {
        this.name = name;
    }

    int builds() {
        return builds.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "generated text in the text-lines layout";
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.TEXT_LINES);
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.integer("documents", 40, "how many documents"),
                FieldSpec.integer("seed", 1, "seed of the text"));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("text/part-0.txt", "text/part-1.txt", "corpus.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        builds.incrementAndGet();
        int[] counts = write(b.out(), b.config().getInt("documents"), b.config().getLong("seed"));
        ObjectNode corpus = Json.mapper().createObjectNode();
        corpus.put("language", "en");
        corpus.put("documents", counts[0]);
        corpus.put("sentences", counts[1]);
        corpus.put("files", 2);
        Files.writeString(b.out().resolve("corpus.json"), corpus.toString() + "\n");
    }

    /** Writes the text files; returns {documents, sentences}. */
    static int[] write(Path out, int documents, long seed) throws IOException {
        Random r = new Random(seed);
        Files.createDirectories(out.resolve("text"));
        StringBuilder[] files = {new StringBuilder(), new StringBuilder()};
        int sentences = 0;
        for (int d = 0; d < documents; d++) {
            StringBuilder f = files[d < documents / 2 ? 0 : 1];
            if (d != 0 && d != documents / 2) {
                f.append(d % 7 == 0 ? "   \n" : "\n");
            }
            int n = 3 + r.nextInt(18);
            for (int s = 0; s < n; s++) {
                int words = 3 + r.nextInt(10);
                for (int w = 0; w < words; w++) {
                    int letters = 1 + r.nextInt(8);
                    for (int k = 0; k < letters; k++) {
                        f.append((char) ('a' + r.nextInt(26)));
                    }
                    f.append(w == words - 1 ? ".\n" : " ");
                }
            }
            sentences += n;
        }
        Files.writeString(out.resolve("text/part-0.txt"), files[0], StandardCharsets.UTF_8);
        Files.writeString(out.resolve("text/part-1.txt"), files[1], StandardCharsets.UTF_8);
        return new int[] {documents, sentences};
    }
}
