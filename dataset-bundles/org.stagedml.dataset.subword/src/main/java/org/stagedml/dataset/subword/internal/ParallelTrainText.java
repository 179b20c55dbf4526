package org.stagedml.dataset.subword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;

/**
 * The training text of a parallel-jsonl realization: the {@code source} and {@code target} of each
 * line of {@code train.jsonl}. With a character budget, every k-th pair is taken (k the smallest step
 * that keeps the budget), so a large corpus is sampled across its whole length, as tensor2tensor
 * samples its vocabulary files.
 *
 * @param sources the source sentences read
 * @param targets the target sentences read, pair by pair with sources
 * @param pairs the pairs in the file
 * @param step every step-th pair was read (1: all)
 */
public record ParallelTrainText(List<String> sources, List<String> targets, long pairs, long step) {
    public static final String TRAIN = "train.jsonl";

    /**
     * @param maxChars the most characters (source plus target) to read, 0 for all
     * @throws IOException naming the file and line when train.jsonl is missing or a line is not a
     *         JSON object with string {@code source} and {@code target}
     */
    public static ParallelTrainText read(Path folder, long maxChars) throws IOException {
        Path file = folder.resolve(TRAIN);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the data stage's realization " + folder + " has no " + TRAIN
                    + ": the data field must name a stage writing the parallel-jsonl layout");
        }
        long pairs = 0;
        long chars = 0;
        if (maxChars > 0) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        String[] pair = pair(file, pairs + 1, line);
                        chars += pair[0].length() + pair[1].length();
                        pairs++;
                    }
                }
            }
        }
        long step = maxChars > 0 && chars > maxChars ? (chars + maxChars - 1) / maxChars : 1;
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        long index = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (index % step == 0) {
                    String[] pair = pair(file, index + 1, line);
                    sources.add(pair[0]);
                    targets.add(pair[1]);
                }
                index++;
            }
        }
        if (index == 0) {
            throw new IOException(file + " holds no pairs: a vocabulary needs training text");
        }
        return new ParallelTrainText(sources, targets, index, step);
    }

    private static String[] pair(Path file, long number, String line) throws IOException {
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new IOException(file + " pair " + number + " is not JSON: " + e.getMessage(), e);
        }
        JsonNode source = node == null ? null : node.get("source");
        JsonNode target = node == null ? null : node.get("target");
        if (source == null || !source.isTextual() || target == null || !target.isTextual()) {
            throw new IOException(file + " pair " + number + " lacks a string \"source\" and \"target\"");
        }
        return new String[] {source.textValue(), target.textValue()};
    }

    /** Sources then targets. */
    public List<String> texts() {
        List<String> all = new ArrayList<>(sources.size() + targets.size());
        all.addAll(sources);
        all.addAll(targets);
        return all;
    }

    public long chars() {
        long n = 0;
        for (String s : sources) {
            n += s.length();
        }
        for (String s : targets) {
            n += s.length();
        }
        return n;
    }
}
