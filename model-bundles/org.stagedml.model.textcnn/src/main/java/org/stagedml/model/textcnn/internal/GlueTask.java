package org.stagedml.model.textcnn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * A classification task as textcnn-glue trains on it, and the one place that reads the normalized
 * GLUE layout: {@code task.json} ({@code task}, {@code type}, {@code labels}, {@code pair}) and
 * {@code train.jsonl} / {@code dev.jsonl}, lines of {@code {"id", "sentence1", "sentence2" (pair
 * tasks), "label"}} with labels as values of task.json's labels.
 *
 * @param labels the label values; the splits hold indices into them
 */
public record GlueTask(String task, List<String> labels, boolean pair, GlueSplit train, GlueSplit dev) {
    public static final String TASK_JSON = "task.json";
    public static final String TRAIN = "train.jsonl";
    public static final String DEV = "dev.jsonl";

    /** Reads a realization of the {@code glue} stage (or any folder in its layout). */
    public static GlueTask read(Path folder) throws IOException {
        Path file = folder.resolve(TASK_JSON);
        if (!Files.isRegularFile(file)) {
            throw new StagedmlException("no " + TASK_JSON + " in " + folder + "; the glue realization looks incomplete");
        }
        JsonNode t = Json.mapper().readTree(file.toFile());
        if (!"classification".equals(t.path("type").asText("classification"))) {
            throw new StagedmlException("textcnn-glue classifies; task " + t.path("task").asText()
                    + " is a regression task (STS-B): choose another task");
        }
        List<String> labels = new ArrayList<>();
        t.path("labels").forEach(l -> labels.add(l.asText()));
        if (labels.size() < 2) {
            throw new StagedmlException(TASK_JSON + " in " + folder + " lists fewer than two labels");
        }
        boolean pair = t.path("pair").asBoolean();
        return new GlueTask(t.path("task").asText(), List.copyOf(labels), pair,
                split(folder.resolve(TRAIN), labels, pair), split(folder.resolve(DEV), labels, pair));
    }

    /** Whether the labels are "0" and "1" (F1 of label 1 is then reported). */
    public boolean binary01() {
        return labels.equals(List.of("0", "1"));
    }

    /** The training texts a vocabulary is built from: every first sentence, and the second ones of a pair task. */
    public List<String> trainingTexts() {
        List<String> texts = new ArrayList<>(train.first());
        if (pair) {
            texts.addAll(train.second());
        }
        return texts;
    }

    private static GlueSplit split(Path file, List<String> labels, boolean pair) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new StagedmlException("no " + file.getFileName() + " in " + file.getParent() + "; the glue realization looks incomplete");
        }
        List<String> s1 = new ArrayList<>();
        List<String> s2 = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.mapper().readTree(line);
                int label = labels.indexOf(row.path("label").asText(null));
                if (label < 0) {
                    throw new StagedmlException(file + " line " + n + ": label " + row.path("label") + " is not one of " + labels);
                }
                s1.add(row.path("sentence1").asText(""));
                s2.add(pair ? row.path("sentence2").asText("") : null);
                y.add(label);
            }
        }
        return new GlueSplit(s1, s2, y.stream().mapToInt(Integer::intValue).toArray());
    }
}
