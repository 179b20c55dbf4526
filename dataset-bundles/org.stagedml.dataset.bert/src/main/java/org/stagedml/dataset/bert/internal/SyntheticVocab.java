package org.stagedml.dataset.bert.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stagedml.api.ConfigException;

/**
 * Vocabularies for random models: a given token list, checked, or one of a given size made of
 * BERT's special tokens, the printable ASCII characters (lower case only when uncased) with their
 * {@code ##} continuations, then {@code [unusedN]} fillers. With it any text tokenizes (unknown
 * characters become [UNK]).
 */
final class SyntheticVocab {
    static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private SyntheticVocab() {
    }

    static List<String> ofSize(int size, boolean lowerCase) {
        if (size < SPECIAL.size()) {
            throw new ConfigException("a vocabulary needs at least " + SPECIAL.size() + " tokens " + SPECIAL + ", got " + size);
        }
        List<String> tokens = new ArrayList<>(SPECIAL);
        List<String> chars = new ArrayList<>();
        for (char c = 33; c <= 126; c++) {
            if (!(lowerCase && c >= 'A' && c <= 'Z')) {
                chars.add(String.valueOf(c));
            }
        }
        tokens.addAll(chars);
        chars.forEach(c -> tokens.add("##" + c));
        for (int i = 0; tokens.size() < size; i++) {
            tokens.add("[unused" + i + "]");
        }
        return new ArrayList<>(tokens.subList(0, size));
    }

    /** Checks a user's token list: tokens are unique, non-empty, without whitespace; [UNK] is one of them. */
    static List<String> checked(List<String> tokens) {
        Set<String> seen = new HashSet<>();
        for (String t : tokens) {
            // vocab.txt lines are stripped of (Python) whitespace when read: tokens must not hold any
            if (t.isEmpty() || t.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85)) {
                throw new ConfigException("vocabulary token '" + t + "' is empty or holds whitespace; give tokens without blanks");
            }
            if (!seen.add(t)) {
                throw new ConfigException("vocabulary token '" + t + "' is listed twice; list each token once");
            }
        }
        if (!seen.contains("[UNK]")) {
            throw new ConfigException("the vocabulary must contain [UNK] (and [CLS], [SEP], [PAD] to make BERT inputs)");
        }
        return List.copyOf(tokens);
    }
}
