package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code 13a} tokenizer of sacreBLEU (sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py),
 * which reproduces mteval-v13a.pl, the tokenization of WMT's official BLEU. The same replacements and
 * regular expressions in the same order; whitespace is what Python's {@code str.split()} splits on.
 */
final class Bleu13aTokenizer {
    /** Each symbol of { | } ~ [ \ ] ^ _ ` space ! " # $ % &amp; ( ) * + : ; &lt; = &gt; ? @ / becomes a token. */
    private static final Pattern SYMBOL = Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])");
    /** A period or comma becomes a token unless preceded by a digit ... */
    private static final Pattern AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    /** ... or unless followed by one (so 3.14 and 1,000 stay whole). */
    private static final Pattern BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    /** A dash after a digit becomes a token (5-6 -> 5 - 6; e-mail stays). */
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Bleu13aTokenizer() {
    }

    /** The tokens of one segment (sacreBLEU strips trailing whitespace first, as here). */
    static List<String> tokenize(String segment) {
        String line = segment.replace("<skipped>", "")
                .replace("-\n", "")
                .replace("\n", " ")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        line = " " + line + " ";
        line = SYMBOL.matcher(line).replaceAll(" $1 ");
        line = AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return splitOnWhitespace(line);
    }

    /** Python's {@code str.rstrip()}: {@code segment} without its trailing whitespace. */
    static String stripTrailing(String segment) {
        int end = segment.length();
        while (end > 0) {
            int cp = segment.codePointBefore(end);
            if (!isPythonWhitespace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return segment.substring(0, end);
    }

    /**
     * Python's {@code str.lower()}, which sacreBLEU's {@code -lc} applies. Java's {@code toLowerCase}
     * agrees on every character (of the Unicode version both know) but the capital sigma, whose final
     * form Java decides by word boundaries and Python by the Unicode Final_Sigma context alone (so "1Σ"
     * gives "1σ" in Python, "1ς" in Java).
     */
    static String lower(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            if (cp == 0x3A3) {
                out.append(isFinalSigma(segment, i) ? '\u03C2' : '\u03C3');
            } else if (cp < 0x80) {
                out.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
            } else {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** CPython's handle_capital_sigma: a cased letter, case-ignorables, the sigma, and no case-ignorables then a cased letter. */
    private static boolean isFinalSigma(String s, int at) {
        int j = at;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        for (j = at + 1; j < s.length(); ) {
            int cp = s.codePointAt(j);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode Case_Ignorable: marks, format characters, modifiers and the word-break MidLetter, MidNumLet and Single_Quote characters. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL:
                return true;
            default:
                return cp == '\'' || cp == '.' || cp == ':' || cp == 0xB7 || cp == 0x387 || cp == 0x55F || cp == 0x5F4
                        || cp == 0x2018 || cp == 0x2019 || cp == 0x2024 || cp == 0x2027 || cp == 0xFE13 || cp == 0xFE52
                        || cp == 0xFE55 || cp == 0xFF07 || cp == 0xFF0E || cp == 0xFF1A;
        }
    }

    /** Python's {@code str.split()} without arguments. */
    static List<String> splitOnWhitespace(String line) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (isPythonWhitespace(cp)) {
                if (start >= 0) {
                    tokens.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(line.substring(start));
        }
        return tokens;
    }

    /**
     * Python's {@code str.isspace()}: bidirectional class WS, B or S, or category Zs. Java's
     * {@code Character.isWhitespace} differs (it leaves out U+0085 and the no-break spaces U+00A0,
     * U+2007, U+202F), which would change the token counts of text with those characters.
     */
    static boolean isPythonWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }
}
