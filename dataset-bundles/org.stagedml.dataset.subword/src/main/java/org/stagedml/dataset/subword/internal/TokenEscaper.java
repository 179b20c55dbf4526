package org.stagedml.dataset.subword.internal;

import java.util.Set;

/**
 * tensor2tensor's {@code _escape_token} / {@code _unescape_token}: a backslash becomes {@code \\},
 * an underscore a backslash and {@code u}, a code point outside the alphabet {@code \<decimal code point>;}, and
 * the token ends with {@code _}, so that the concatenation of escaped tokens splits back at
 * underscores. Besides the reference's newline, carriage returns and lone surrogates are always
 * escaped: a vocab.subwords line can hold neither.
 */
public final class TokenEscaper {
    /** The characters escapes are made of; every alphabet has them. */
    public static final String ESCAPE_CHARS = "\\_u;0123456789";
    /** What an escape naming no code point decodes to (U+3013 GETA MARK, as the reference does). */
    static final int UNDEFINED = 0x3013;

    private TokenEscaper() {
    }

    /** Whether a code point may stand for itself in a subtoken (be in an alphabet at all). */
    public static boolean storable(int codePoint) {
        return codePoint != '\n' && codePoint != '\r'
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    /** The escaped form of a token, ending in {@code _}. */
    public static String escape(String token, Set<Integer> alphabet) {
        StringBuilder out = new StringBuilder(token.length() + 4);
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == '_') {
                out.append("\\u");
            } else if (storable(cp) && alphabet.contains(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('\\').append(cp).append(';');
            }
        }
        return out.append('_').toString();
    }

    /** The inverse of {@link #escape}; the trailing {@code _}, if any, is dropped. */
    public static String unescape(String escaped) {
        int end = escaped.endsWith("_") ? escaped.length() - 1 : escaped.length();
        StringBuilder out = new StringBuilder(end);
        int i = 0;
        while (i < end) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char next = escaped.charAt(i + 1);
                if (next == 'u') {
                    out.append('_');
                    i += 2;
                    continue;
                }
                if (next == '\\') {
                    out.append('\\');
                    i += 2;
                    continue;
                }
                int j = i + 1;
                while (j < end && escaped.charAt(j) >= '0' && escaped.charAt(j) <= '9') {
                    j++;
                }
                if (j > i + 1 && j < end && escaped.charAt(j) == ';') {
                    out.appendCodePoint(codePoint(escaped.substring(i + 1, j)));
                    i = j + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int codePoint(String digits) {
        if (digits.length() > 7) {
            return UNDEFINED;
        }
        int value = Integer.parseInt(digits);
        return value <= Character.MAX_CODE_POINT ? value : UNDEFINED;
    }
}
