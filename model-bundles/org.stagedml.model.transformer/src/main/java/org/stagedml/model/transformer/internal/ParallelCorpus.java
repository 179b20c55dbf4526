package org.stagedml.model.transformer.internal;

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

/** One split of a parallel-jsonl dataset ({@code DataLayouts.PARALLEL_JSONL}): sources and targets in file order. */
record ParallelCorpus(List<String> sources, List<String> targets) {
    static ParallelCorpus read(Path dataset, String split) throws IOException {
        Path file = dataset.resolve(split + ".jsonl");
        if (!Files.isRegularFile(file)) {
            throw new StagedmlException("transformer: the dataset " + dataset + " has no " + split
                    + ".jsonl; the data stage must write the parallel-jsonl layout (lines of {\"id\", \"source\", \"target\"})");
        }
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = Json.mapper().readTree(line);
                if (!j.path("source").isTextual() || !j.path("target").isTextual()) {
                    throw new StagedmlException("transformer: " + file + " line " + n + " has no text fields source and target");
                }
                sources.add(j.get("source").asText());
                targets.add(j.get("target").asText());
            }
        }
        return new ParallelCorpus(List.copyOf(sources), List.copyOf(targets));
    }

    int size() {
        return sources.size();
    }
}
