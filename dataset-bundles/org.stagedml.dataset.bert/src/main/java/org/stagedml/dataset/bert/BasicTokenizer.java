package org.stagedml.dataset.bert;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's {@code BasicTokenizer}: cleans the text (drops NUL, U+FFFD and control characters, turns
 * whitespace into spaces), puts spaces around CJK ideographs, splits on whitespace, lower-cases and
 * strips accents (NFD, drop category Mn) when uncased, and splits off every punctuation character.
 * Thread-safe.
 */
public final class BasicTokenizer {
    private final boolean doLowerCase;

    public BasicTokenizer(boolean doLowerCase) {
        this.doLowerCase = doLowerCase;
    }

    public boolean doLowerCase() {
        return doLowerCase;
    }

    public List<String> tokenize(String text) {
        String cleaned = cleanAndSpaceChineseChars(text);
        List<String> splitTokens = new ArrayList<>();
        for (String token : PythonText.split(cleaned)) {
            if (doLowerCase) {
                token = stripAccents(token.toLowerCase(Locale.ROOT));
            }
            splitTokens.addAll(splitOnPunctuation(token));
        }
        return PythonText.split(String.join(" ", splitTokens));
    }

    /** {@code _tokenize_chinese_chars(_clean_text(text))} in one pass. */
    static String cleanAndSpaceChineseChars(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || CharClasses.isControl(cp)) {
                continue;
            }
            if (CharClasses.isWhitespace(cp)) {
                out.append(' ');
            } else if (CharClasses.isChineseChar(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** {@code _run_strip_accents}. */
    static String stripAccents(String text) {
        if (isAscii(text)) {
            return text; // NFD leaves ASCII alone and ASCII has no Mn
        }
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** {@code _run_split_on_punc}: every punctuation character becomes a token of its own. */
    static List<String> splitOnPunctuation(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (CharClasses.isPunctuation(cp)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
                out.add(new String(Character.toChars(cp)));
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
