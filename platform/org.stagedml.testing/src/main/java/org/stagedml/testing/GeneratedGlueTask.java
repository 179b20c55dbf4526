package org.stagedml.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.Json;

/**
 * One generated task in the glue stage's normalized layout: {@code task.json} (task, type, labels,
 * pair) and per split a {@code <split>.jsonl} whose lines are {@code {"id":"<split>-<i>", ...}}
 * with the fields the test's {@link Examples} writes. Each split has its own seeded Random, so
 * every build writes the same bytes.
 */
public final class GeneratedGlueTask {
    /** Writes the fields of one example after its id: sentence1, sentence2 for pairs, label. */
    @FunctionalInterface
    public interface Examples {
        void fill(ObjectNode example, String split, int index, Random random);
    }

    private record Split(int size, long seed) {
    }

    private final String name;
    private final String type;
    private final List<String> labels;
    private final boolean pair;
    private final Examples examples;
    private final Map<String, Split> splits = new LinkedHashMap<>();

    private GeneratedGlueTask(String name, String type, List<String> labels, boolean pair, Examples examples) {
        this.name = name;
        this.type = type;
        this.labels = List.copyOf(labels);
        this.pair = pair;
        this.examples = examples;
    }

    public static GeneratedGlueTask classification(String name, List<String> labels, boolean pair, Examples examples) {
        return new GeneratedGlueTask(name, "classification", labels, pair, examples);
    }

    public static GeneratedGlueTask regression(String name, boolean pair, Examples examples) {
        return new GeneratedGlueTask(name, "regression", List.of(), pair, examples);
    }

    /** Adds a split ({@code train}, {@code dev}, {@code test}, {@code dev_mismatched} ...) of {@code size} examples. */
    public GeneratedGlueTask split(String split, int size, long seed) {
        splits.put(split, new Split(size, seed));
        return this;
    }

    public String name() {
        return name;
    }

    /** Writes task.json and every split into {@code out}. */
    public void write(Path out) throws IOException {
        for (Map.Entry<String, Split> s : splits.entrySet()) {
            writeSplit(out, s.getKey(), s.getValue());
        }
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("task", name);
        info.put("type", type);
        info.set("labels", Json.mapper().valueToTree(labels));
        info.put("pair", pair);
        Files.writeString(out.resolve("task.json"), info.toString(), StandardCharsets.UTF_8);
    }

    private void writeSplit(Path out, String split, Split s) throws IOException {
        Random random = new Random(s.seed());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            ObjectNode e = JsonNodeFactory.instance.objectNode();
            e.put("id", split + "-" + i);
            examples.fill(e, split, i, random);
            lines.add(e.toString());
        }
        Files.writeString(out.resolve(split + ".jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
