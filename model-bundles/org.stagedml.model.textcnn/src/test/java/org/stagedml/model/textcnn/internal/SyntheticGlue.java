package org.stagedml.model.textcnn.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes learnable tasks in the normalized GLUE layout. Single: label 1 iff the sentence holds a
 * positive word. Pair: "entailment" iff the second sentence holds an agreeing word.
 */
final class SyntheticGlue {
    static final String[] FILLER = {"the", "a", "movie", "plot", "was", "is", "and", "really", "story", "actors",
            "film", "quite", "very", "it", "this", "scene", "of", "in"};
    static final String[] POSITIVE = {"great", "lovely", "superb", "fine"};
    static final String[] NEGATIVE = {"awful", "dull", "poor", "boring"};

    private SyntheticGlue() {
    }

    static void single(Path dir, int train, int dev, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        Files.write(dir.resolve("train.jsonl"), rows(r, train, false));
        Files.write(dir.resolve("dev.jsonl"), rows(r, dev, false));
        Files.writeString(dir.resolve("task.json"), "{\"task\":\"SST-2\",\"type\":\"classification\",\"labels\":[\"0\",\"1\"],\"pair\":false}");
    }

    static void pair(Path dir, int train, int dev, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        Files.write(dir.resolve("train.jsonl"), rows(r, train, true));
        Files.write(dir.resolve("dev.jsonl"), rows(r, dev, true));
        Files.writeString(dir.resolve("task.json"), "{\"task\":\"RTE\",\"type\":\"classification\","
                + "\"labels\":[\"entailment\",\"not_entailment\"],\"pair\":true}");
    }

    private static List<String> rows(Random r, int n, boolean pair) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean positive = r.nextBoolean();
            String key = (positive ? POSITIVE : NEGATIVE)[r.nextInt(4)];
            if (pair) {
                lines.add(String.format("{\"id\":\"%d\",\"sentence1\":\"%s\",\"sentence2\":\"%s\",\"label\":\"%s\"}", i,
                        sentence(r, null), sentence(r, key), positive ? "entailment" : "not_entailment"));
            } else {
                lines.add(String.format("{\"id\":\"%d\",\"sentence1\":\"%s\",\"label\":\"%s\"}", i, sentence(r, key),
                        positive ? "1" : "0"));
            }
        }
        return lines;
    }

    private static String sentence(Random r, String key) {
        StringBuilder sb = new StringBuilder();
        int len = 5 + r.nextInt(10);
        int at = r.nextInt(len);
        for (int i = 0; i < len; i++) {
            sb.append(i == at && key != null ? key : FILLER[r.nextInt(FILLER.length)]).append(i + 1 < len ? " " : ".");
        }
        return sb.toString();
    }
}
