package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.StagedmlException;

/**
 * A realization of the {@code glue} stage: {@code task.json} ({@code task}, {@code type}
 * classification|regression, {@code labels}, {@code pair}) beside train.jsonl, dev.jsonl and
 * test.jsonl, one example per line ({@code id}, {@code sentence1}, {@code sentence2} for pairs,
 * {@code label}: a string, a number for regression, absent in test).
 */
final class GlueTask {
    final Path dir;
    final String task;
    final boolean regression;
    final boolean pair;
    final List<String> labels;
    private final Map<String, Integer> labelIds = new HashMap<>();

    private GlueTask(Path dir, JsonNode info) {
        this.dir = dir;
        this.task = info.path("task").asText();
        String type = info.path("type").asText();
        if (!type.equals("classification") && !type.equals("regression")) {
            throw new StagedmlException("glue task.json has type '" + type + "'; expected classification or regression");
        }
        this.regression = type.equals("regression");
        this.pair = info.path("pair").asBoolean(false);
        List<String> l = new ArrayList<>();
        info.path("labels").forEach(n -> l.add(n.asText()));
        this.labels = List.copyOf(l);
        for (int i = 0; i < l.size(); i++) {
            labelIds.put(l.get(i), i);
        }
        if (!regression && labels.isEmpty()) {
            throw new StagedmlException("glue task.json of " + task + " lists no labels");
        }
    }

    static GlueTask open(Path dir) throws IOException {
        Path info = dir.resolve("task.json");
        if (!Files.isRegularFile(info)) {
            throw new StagedmlException("the glue realization " + dir + " has no task.json");
        }
        return new GlueTask(dir, JsonFiles.read(info));
    }

    /**
     * The splits besides train, in output order: dev, test, then any others the task has (MNLI's
     * dev_mismatched, test_mismatched) by name.
     */
    List<String> otherSplits() throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length()))
                    .filter(n -> !n.equals("train") && !n.equals("dev") && !n.equals("test")).sorted().forEach(names::add);
        }
        names.add(0, "test");
        names.add(0, "dev");
        return names;
    }

    /** The lines of a split (train, dev, test), unparsed; empty lines skipped. */
    List<String> lines(String split) throws IOException {
        Path f = dir.resolve(split + ".jsonl");
        if (!Files.isRegularFile(f)) {
            throw new StagedmlException("the glue realization has no " + split + ".jsonl");
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The label of an example as a number: the label's index, the score for regression, 0 without one. */
    double label(JsonNode example, String split) {
        JsonNode l = example.get("label");
        if (l == null || l.isNull()) {
            return 0;
        }
        if (regression) {
            if (!l.isNumber()) {
                throw new StagedmlException(split + " example " + example.path("id") + " of " + task
                        + " has a non-numeric label " + l);
            }
            return l.doubleValue();
        }
        Integer id = labelIds.get(l.asText());
        if (id == null) {
            throw new StagedmlException(split + " example " + example.path("id") + " of " + task + " has label " + l
                    + ", not one of " + labels);
        }
        return id;
    }
}
