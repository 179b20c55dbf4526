package org.stagedml.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;

/**
 * The training curves of one {@code history.jsonl}: for each numeric field of its records, the
 * points {@code {x, y}} in file order. x is the first of {@link #X_KEYS} a record has, else the
 * record's index. Fields that are positions or times ({@link #NOT_PLOTTED}) are no curve; non-finite
 * values are left out. A blank, torn or non-object line is skipped: a build killed while writing its
 * last line must not hide the rest.
 *
 * @param curves field name -> points, each a {@code double[]{x, y}}, in the order the fields first appear
 */
public record History(Map<String, List<double[]>> curves) {
    /** The file's name at a realization's output root. */
    public static final String FILE = "history.jsonl";
    /** Fields of a record that give its position; the first present is x. */
    public static final List<String> X_KEYS = List.of("step", "epoch", "iteration", "batch");
    /** Fields that are positions or times, not measurements. */
    public static final List<String> NOT_PLOTTED = List.of("step", "epoch", "iteration", "batch", "time",
            "timestamp", "instance");

    public History {
        Map<String, List<double[]>> copy = new LinkedHashMap<>();
        curves.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        curves = Collections.unmodifiableMap(copy);
    }

    public static History empty() {
        return new History(Map.of());
    }

    /** Every record of the file; empty when there is no file. */
    public static History read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * At most about {@code maxRecords} records of the file: a longer history is thinned to every
     * n-th record, always keeping the first and the last (a chart needs no more).
     */
    public static History read(Path file, int maxRecords) throws IOException {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        List<JsonNode> records = records(file);
        int stride = (int) Math.max(1, (records.size() + (long) maxRecords - 1) / maxRecords);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (i % stride != 0 && i != records.size() - 1) {
                continue;
            }
            JsonNode o = records.get(i);
            double x = i;
            for (String k : X_KEYS) {
                if (o.path(k).isNumber()) {
                    x = o.get(k).doubleValue();
                    break;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (NOT_PLOTTED.contains(f.getKey()) || !f.getValue().isNumber()) {
                    continue;
                }
                double y = f.getValue().doubleValue();
                if (Double.isFinite(y)) {
                    curves.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {x, y});
                }
            }
        }
        return new History(curves);
    }

    private static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode o = Json.mapper().readTree(line);
                    if (o != null && o.isObject()) {
                        records.add(o);
                    }
                } catch (IOException e) {
                    // a torn line: skipped, see the class comment
                }
            }
        }
        return records;
    }

    public boolean isEmpty() {
        return curves.isEmpty();
    }

    /** The points of one field; empty when the history has none. */
    public List<double[]> curve(String name) {
        return curves.getOrDefault(name, List.of());
    }
}
