package org.stagedml.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;

/**
 * The training curves of one {@code history.jsonl}: for each numeric field, its points (x, y). x is
 * the first of step, epoch, iteration, batch present in a record, else the record's index.
 */
record History(Map<String, List<double[]>> series) {
    static final String FILE = "history.jsonl";
    private static final List<String> X_KEYS = List.of("step", "epoch", "iteration", "batch");
    private static final List<String> NOT_PLOTTED = List.of("step", "epoch", "iteration", "batch", "time",
            "timestamp", "instance");
    /** A history longer than this is thinned to every n-th record: a browser chart needs no more. */
    static final int MAX_POINTS = 5000;

    static History empty() {
        return new History(Map.of());
    }

    /** Reads the file; empty when there is none; a torn or odd line is skipped, not fatal. */
    static History read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
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
                    // a torn last line (a build killed while writing) must not hide the rest
                }
            }
        }
        int stride = Math.max(1, (records.size() + MAX_POINTS - 1) / MAX_POINTS);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
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
                    series.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {x, y});
                }
            }
        }
        return new History(series);
    }

    boolean isEmpty() {
        return series.isEmpty();
    }
}
