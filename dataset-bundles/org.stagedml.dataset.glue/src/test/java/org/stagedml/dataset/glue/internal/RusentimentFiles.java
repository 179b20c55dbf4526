package org.stagedml.dataset.glue.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates RuSentiment's three CSVs as pandas writes them (header {@code label,text}; a text with a
 * comma, a quote or a line break is quoted, quotes doubled; CRLF line ends in the test file), and an
 * archive of them in a folder. Post i of a file has the label {@link #label}; its text names the file
 * and i, in Russian, so conversions are checkable.
 */
final class RusentimentFiles {
    static final int RANDOM = 30;
    static final int PRESELECTED = 10;
    static final int TEST = 7;

    private RusentimentFiles() {
    }

    static String label(int i) {
        return RusentimentSources.LABELS.get(i % RusentimentSources.LABELS.size());
    }

    static String text(String file, int i) {
        return switch (i % 3) {
            case 0 -> "Пост " + file + " " + i + ", привет всем!";
            case 1 -> "Пост " + file + " " + i + " \"в кавычках\"\nи на двух строках";
            default -> "Пост " + file + " " + i + " просто текст";
        };
    }

    static String csv(String file, int n, String newline) {
        StringBuilder b = new StringBuilder("label,text").append(newline);
        for (int i = 0; i < n; i++) {
            String t = text(file, i);
            boolean quote = t.contains(",") || t.contains("\"") || t.contains("\n");
            b.append(label(i)).append(',').append(quote ? "\"" + t.replace("\"", "\"\"") + "\"" : t).append(newline);
        }
        return b.toString();
    }

    static Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("rusentiment_random_posts.csv", csv("random", RANDOM, "\n"));
        f.put("rusentiment_preselected_posts.csv", csv("preselected", PRESELECTED, "\n"));
        f.put("rusentiment_test.csv", csv("test", TEST, "\r\n"));
        return f;
    }

    /** A zip with the three files in a folder rusentiment/. */
    static byte[] zip() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files().forEach((name, content) -> files.put("rusentiment/" + name, content));
        return GlueFiles.zip(null, files);
    }

    /** The three files in a folder. */
    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
