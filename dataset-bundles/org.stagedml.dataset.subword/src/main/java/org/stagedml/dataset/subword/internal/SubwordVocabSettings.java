package org.stagedml.dataset.subword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.DataLayouts;

/**
 * The settings of one {@code subword-vocab} build.
 *
 * @param targetSize the vocabulary size the min_count search aims at
 * @param reserved {@code none}, {@code bash}, or a JSON list of tokens
 * @param minCount 0: search min_count in [1, 1000] for the target size; else this min_count alone
 * @param iterations refinement iterations per min_count
 * @param maxSubtokenLength longest candidate subtoken in chars, 0 for no bound
 * @param maxChars the most training characters read (pairs sampled evenly), 0 for all
 */
public record SubwordVocabSettings(int targetSize, String reserved, int minCount, int iterations,
        int maxSubtokenLength, long maxChars) {
    public static final String DATA = "data";
    public static final String NONE = "none";
    public static final String BASH = "bash";
    /** nl2bash-sized data (about 10k pairs); the original StagedML's NL2Bash vocabulary had this size. */
    public static final int TARGET_SIZE = 8192;
    public static final long MAX_CHARS = 20_000_000L;

    public static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.stage(DATA, "nl2bash", List.of(DataLayouts.PARALLEL_JSONL),
                    "the parallel corpus whose training sources and targets the vocabulary is built from: nl2bash or wmt"),
            FieldSpec.integer("target_size", TARGET_SIZE,
                    "vocabulary size aimed at, ids 0 and 1 and reserved tokens included (within 1% when the text allows);"
                            + " 8192 suits nl2bash, WMT uses 32768"),
            FieldSpec.string("reserved", NONE, "tokens that get ids 2, 3, ...: none, bash (command and flag names of the"
                    + " training targets, as StagedML reserved for NL2Bash) or a JSON list such as [\"find\",\"xargs\"]"),
            FieldSpec.integer("min_count", 0, "0: binary search of min_count in [1, 1000] for target_size (tensor2tensor's"
                    + " build_to_target_size); n > 0: keep subtokens seen at least n times, whatever the size"),
            FieldSpec.integer("iterations", VocabBuilder.ITERATIONS, "refinement iterations per min_count"),
            FieldSpec.integer("max_subtoken_length", 0, "longest candidate subtoken in characters; 0 for no bound"),
            FieldSpec.integer("max_chars", MAX_CHARS, "most characters of training text read (every k-th pair); 0 for all"));

    public SubwordVocabSettings {
        check(targetSize >= 3, "target_size must be at least 3 (<pad>, <EOS> and one subtoken), got " + targetSize);
        check(minCount >= 0, "min_count must be 0 (search for target_size) or positive, got " + minCount);
        check(iterations >= 1 && iterations <= 100, "iterations must be in [1, 100], got " + iterations);
        check(maxSubtokenLength >= 0, "max_subtoken_length must be 0 (no bound) or positive, got " + maxSubtokenLength);
        check(maxChars >= 0, "max_chars must be 0 (all) or positive, got " + maxChars);
        explicitReserved(reserved);
    }

    public static SubwordVocabSettings from(Config c) {
        return new SubwordVocabSettings(c.getInt("target_size"), c.getString("reserved"), c.getInt("min_count"),
                c.getInt("iterations"), c.getInt("max_subtoken_length"), c.getLong("max_chars"));
    }

    public boolean bash() {
        return reserved.strip().equals(BASH);
    }

    /**
     * The tokens of an explicit list, or of none; empty for {@code bash}, whose tokens come from the
     * data.
     */
    public List<String> explicitTokens() {
        return explicitReserved(reserved);
    }

    private static List<String> explicitReserved(String reserved) {
        String r = reserved.strip();
        if (r.isEmpty() || r.equals(NONE) || r.equals(BASH)) {
            return List.of();
        }
        if (!r.startsWith("[")) {
            throw new ConfigException("subword-vocab: reserved must be none, bash or a JSON list of tokens such as"
                    + " [\"find\",\"xargs\"], got '" + reserved + "'");
        }
        JsonNode list;
        try {
            list = Json.mapper().readTree(r);
        } catch (java.io.IOException e) {
            throw new ConfigException("subword-vocab: reserved is not a JSON list of strings: " + e.getMessage());
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode t : list) {
            if (!t.isTextual()) {
                throw new ConfigException("subword-vocab: reserved holds " + t + ", not a string");
            }
            tokens.add(t.textValue());
        }
        if (!list.isArray()) {
            throw new ConfigException("subword-vocab: reserved must be a JSON list of strings, got " + r);
        }
        try {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String t : tokens) {
                VocabBuilder.checkReserved(t);
                if (!seen.add(t)) {
                    throw new IllegalArgumentException("reserved token '" + t + "' is listed twice");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("subword-vocab: " + e.getMessage());
        }
        return tokens;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("subword-vocab: " + message);
        }
    }
}
