package org.stagedml.dataset.subword.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * tensor2tensor's invertible tokenizer (tokenizer.py): the text is cut at every boundary between an
 * alphanumeric code point (Unicode categories L and N) and any other, and a single-space token
 * between two alphanumeric tokens is dropped, since {@link #join} puts it back.
 */
public final class TextTokens {
    private TextTokens() {
    }

    /** Whether a code point is a letter (L*) or a number (N*). */
    public static boolean isAlphanumeric(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** The tokens of a text: alternating alphanumeric and other runs, minus implied single spaces. */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        int tokenStart = 0;
        boolean previous = isAlphanumeric(text.codePointAt(0));
        for (int pos = Character.charCount(text.codePointAt(0)); pos < text.length(); ) {
            int cp = text.codePointAt(pos);
            boolean current = isAlphanumeric(cp);
            if (current != previous) {
                String token = text.substring(tokenStart, pos);
                if (!token.equals(" ") || tokenStart == 0) {
                    tokens.add(token);
                }
                tokenStart = pos;
                previous = current;
            }
            pos += Character.charCount(cp);
        }
        tokens.add(text.substring(tokenStart));
        return tokens;
    }

    /** The inverse of {@link #split}: a space goes back between two adjacent alphanumeric tokens. */
    public static String join(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        boolean previousAlphanumeric = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean alphanumeric = isAlphanumeric(token.codePointAt(0));
            if (i > 0 && previousAlphanumeric && alphanumeric) {
                out.append(' ');
            }
            out.append(token);
            previousAlphanumeric = alphanumeric;
        }
        return out.toString();
    }
}
