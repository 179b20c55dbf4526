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
 * One labelled split of a GLUE task in the normalized layout: lines of
 * {@code {"id", "sentence1", "sentence2" (pair tasks), "label"}}; labels as indices into the task's labels.
 */
public record GlueSplit(List<String> first, List<String> second, int[] labels) {
    /** The task's description from {@code task.json}: its label values and whether it is a pair task. */
    public record TaskInfo(String task, List<String> labels, boolean pair) {
        public static TaskInfo read(Path folder) throws IOException {
            Path file = folder.resolve("task.json");
            if (!Files.isRegularFile(file)) {
                throw new StagedmlException("no task.json in " + folder + "; the glue realization looks incomplete");
            }
            JsonNode t = Json.mapper().readTree(file.toFile());
            if (!"classification".equals(t.path("type").asText("classification"))) {
                throw new StagedmlException("textcnn-glue classifies; task " + t.path("task").asText()
                        + " is a regression task (STS-B): choose another task");
            }
            List<String> labels = new ArrayList<>();
            t.path("labels").forEach(l -> labels.add(l.asText()));
            if (labels.size() < 2) {
                throw new StagedmlException("task.json in " + folder + " lists fewer than two labels");
            }
            return new TaskInfo(t.path("task").asText(), List.copyOf(labels), t.path("pair").asBoolean());
        }
    }

    public int size() {
        return labels.length;
    }

    public static GlueSplit read(Path file, TaskInfo task) throws IOException {
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
                int label = task.labels().indexOf(row.path("label").asText(null));
                if (label < 0) {
                    throw new StagedmlException(file + " line " + n + ": label " + row.path("label")
                            + " is not one of " + task.labels());
                }
                s1.add(row.path("sentence1").asText(""));
                s2.add(task.pair() ? row.path("sentence2").asText("") : null);
                y.add(label);
            }
        }
        return new GlueSplit(s1, s2, y.stream().mapToInt(Integer::intValue).toArray());
    }
}
