package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.List;

/**
 * BERT's {@code WordpieceTokenizer}: greedy longest-match-first over the vocabulary, continuation
 * pieces prefixed with {@code ##}; a word longer than {@code maxInputCharsPerWord} code points, or
 * one that cannot be covered by pieces, becomes the unknown token. Thread-safe.
 */
public final class WordpieceTokenizer {
    public static final String DEFAULT_UNK_TOKEN = "[UNK]";
    public static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 200;

    private final Vocabulary vocab;
    private final String unkToken;
    private final int maxInputCharsPerWord;

    public WordpieceTokenizer(Vocabulary vocab) {
        this(vocab, DEFAULT_UNK_TOKEN, DEFAULT_MAX_INPUT_CHARS_PER_WORD);
    }

    public WordpieceTokenizer(Vocabulary vocab, String unkToken, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    /** Word pieces of whitespace-separated words (normally the output of {@link BasicTokenizer}). */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String token : PythonText.split(text)) {
            tokenizeWord(token, out);
        }
        return out;
    }

    private void tokenizeWord(String word, List<String> out) {
        // offsets[k] is the char index of the k-th code point, so pieces are cut on code points
        int[] offsets = word.codePoints().map(cp -> Character.charCount(cp)).toArray();
        int n = offsets.length;
        if (n > maxInputCharsPerWord) {
            out.add(unkToken);
            return;
        }
        int[] at = new int[n + 1];
        for (int k = 0; k < n; k++) {
            at[k + 1] = at[k] + offsets[k];
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int end = n;
            String found = null;
            while (start < end) {
                String piece = word.substring(at[start], at[end]);
                if (start > 0) {
                    piece = "##" + piece;
                }
                if (vocab.contains(piece)) {
                    found = piece;
                    break;
                }
                end--;
            }
            if (found == null) {
                out.add(unkToken);
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }
}
