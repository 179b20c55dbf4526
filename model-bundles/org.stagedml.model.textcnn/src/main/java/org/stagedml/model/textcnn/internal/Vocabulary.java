package org.stagedml.model.textcnn.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lower-cased word and punctuation tokens, and a vocabulary of the most frequent training tokens
 * (ties broken alphabetically, so it is deterministic). Ids: 0 padding, 1 unknown, 2 the separator
 * between the two sentences of a pair.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int SEP = 2;
    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
    }

    /** Splits text into lower-case runs of letters/digits and single punctuation marks. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String t = text.toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
                continue;
            }
            if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
            if (!Character.isWhitespace(c)) {
                out.add(String.valueOf(c));
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    /** The max most frequent tokens of the texts (the three special ids included in max). */
    public static Vocabulary build(List<String> texts, int max) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String tok : tokenize(text)) {
                counts.merge(tok, 1, Integer::sum);
            }
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(Comparator.naturalOrder()));
        List<String> tokens = new ArrayList<>(List.of("[PAD]", "[UNK]", "[SEP]"));
        tokens.addAll(words.subList(0, Math.min(words.size(), Math.max(0, max - 3))));
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        return ids.getOrDefault(token, UNK);
    }

    /**
     * Token ids of a sentence (or pair: first, [SEP], second), cut or padded to length. A pair keeps
     * up to half the length for each side so the second sentence is never cut away entirely.
     */
    public int[] encode(String first, String second, int length) {
        int[] out = new int[length];
        List<String> a = tokenize(first);
        int pos = 0;
        if (second == null) {
            for (int i = 0; i < a.size() && pos < length; i++) {
                out[pos++] = id(a.get(i));
            }
            return out;
        }
        List<String> b = tokenize(second);
        int half = (length - 1) / 2;
        int takeA = Math.min(a.size(), Math.max(half, length - 1 - b.size()));
        for (int i = 0; i < takeA && pos < length; i++) {
            out[pos++] = id(a.get(i));
        }
        if (pos < length) {
            out[pos++] = SEP;
        }
        for (int i = 0; i < b.size() && pos < length; i++) {
            out[pos++] = id(b.get(i));
        }
        return out;
    }

    public void write(Path file) throws IOException {
        Files.write(file, tokens);
    }

    /** The vocabulary {@link #write} wrote. */
    public static Vocabulary read(Path file) throws IOException {
        return new Vocabulary(Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8));
    }
}
