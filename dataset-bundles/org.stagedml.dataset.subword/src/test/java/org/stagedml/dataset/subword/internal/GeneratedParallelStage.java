package org.stagedml.dataset.subword.internal;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
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
 * Stands in for a parallel-jsonl stage ({@code nl2bash}, {@code wmt}) in the tests: {@code pairs}
 * generated NL2Bash-like pairs (an English request, a shell command) from {@code seed}, in the
 * layout's files. Builds are counted.
 */
final class GeneratedParallelStage implements Stage {
    private static final String[] COMMANDS = {"find", "grep", "ls", "xargs", "sort", "wc", "du", "chmod", "rm", "tar"};
    private static final String[] FLAGS = {"-name", "-type", "-la", "-rf", "-r", "-l", "--include", "-exec", "-h", "-n"};
    private static final String[] WORDS = {"files", "directory", "all", "the", "in", "current", "named", "recursively",
            "count", "lines", "show", "list", "remove", "with", "size", "of", "under", "folder", "every", "text"};
    private final String name;
    private final AtomicInteger builds = new AtomicInteger();

    GeneratedParallelStage(String name) {
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
        return "generated NL2Bash-like pairs";
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.PARALLEL_JSONL);
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.integer("pairs", 600, "training pairs"), FieldSpec.integer("seed", 1, "seed"));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", "corpus.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        builds.incrementAndGet();
        Random random = new Random(b.config().getLong("seed"));
        int train = b.config().getInt("pairs");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String split : List.of("train", "dev", "test")) {
            int n = split.equals("train") ? train : Math.max(1, train / 10);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String[] pair = pair(random);
                Map<String, String> line = new LinkedHashMap<>();
                line.put("id", split + "-" + i);
                line.put("source", pair[0]);
                line.put("target", pair[1]);
                out.append(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line)).append('\n');
            }
            Files.writeString(b.out().resolve(split + ".jsonl"), out.toString(), StandardCharsets.UTF_8);
            counts.put(split, n);
        }
        Map<String, Object> corpus = new LinkedHashMap<>();
        corpus.put("corpus", name);
        corpus.put("source_language", "en");
        corpus.put("target_language", "bash");
        corpus.put("counts", counts);
        Files.writeString(b.out().resolve("corpus.json"), Json.mapper().writeValueAsString(corpus), StandardCharsets.UTF_8);
    }

    /** A made-up word, so that the text has a long tail of rare tokens. */
    private static String word(Random random) {
        StringBuilder w = new StringBuilder();
        int n = 2 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    static String[] pair(Random random) {
        StringBuilder source = new StringBuilder();
        int words = 4 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            source.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        String file = word(random) + (random.nextBoolean() ? "_" + word(random) : "") + ".txt";
        source.append(random.nextInt(2) == 0 ? " \"" + file + "\"." : ".");
        StringBuilder target = new StringBuilder(COMMANDS[random.nextInt(COMMANDS.length)]);
        target.append(random.nextBoolean() ? " ." : "");
        int flags = random.nextInt(3);
        for (int f = 0; f < flags; f++) {
            target.append(' ').append(FLAGS[random.nextInt(FLAGS.length)]);
        }
        if (random.nextInt(3) == 0) {
            target.append(" '").append(file).append("' | ").append(COMMANDS[random.nextInt(COMMANDS.length)]).append(" -l");
        }
        return new String[] {source.toString(), target.toString()};
    }
}
