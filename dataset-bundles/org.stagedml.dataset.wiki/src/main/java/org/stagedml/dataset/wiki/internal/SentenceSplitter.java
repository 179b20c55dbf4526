package org.stagedml.dataset.wiki.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule-based sentence splitter for English and Russian encyclopaedic text. A sentence ends at
 * {@code . ! ? …} (runs such as {@code ?!} or {@code ...} included, then closing quotes and brackets) that
 * is followed by white space and a sentence start: an upper-case letter, a digit, or an opening quote or
 * bracket. A single {@code .} does not end one after
 * <ul>
 * <li>an abbreviation that comes before what it qualifies ({@code Mr. Dr. St. e.g. Jan. No.}, Russian
 * {@code ул. им. т.е. проф. см.} ...; the lists below);</li>
 * <li>a single upper-case letter (initials: {@code J. R. R. Tolkien}, {@code А. С. Пушкин});</li>
 * <li>a dotted abbreviation ({@code U.S.}, {@code т.н.}) unless it is one that ends sentences
 * ({@code т.д. т.п. н.э.});</li>
 * <li>Russian {@code г. гг. в. вв.} unless a number comes before it ({@code в 1812 г.} ends a sentence,
 * {@code г. Москва} does not).</li>
 * </ul>
 * Other languages get the English rules.
 */
final class SentenceSplitter {
    private static final Set<String> EN = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "no", "nos",
            "vol", "vols", "fig", "figs", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "pres", "sen",
            "rep", "rev", "hon", "messrs", "vs", "cf", "ca", "approx", "p", "pp", "ch", "art", "sec", "op", "ed", "eds",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.k.a");
    private static final Set<String> RU = Set.of("ул", "пр", "просп", "пер", "пл", "д", "им", "см", "ср", "стр",
            "рис", "табл", "гл", "проф", "акад", "доц", "св", "ст", "с", "ок", "напр", "англ", "лат", "нем", "франц",
            "фр", "кн", "греч", "итал", "исп", "араб", "род", "ум", "тов", "г-н", "г-жа", "о", "оз", "р", "обл", "р-н",
            "т.е", "т.к", "т.н", "т.ч", "и.о", "а.с");
    /** Dotted abbreviations that end sentences as often as not. */
    private static final Set<String> TERMINAL = Set.of("т.д", "т.п", "н.э", "a.m", "p.m");
    /** Russian year and century marks: end a sentence only after a number. */
    private static final Set<String> AFTER_NUMBER = Set.of("г", "гг", "в", "вв");

    private final String language;
    private final Set<String> abbreviations;

    SentenceSplitter(String language) {
        this.language = language.toLowerCase(Locale.ROOT);
        this.abbreviations = this.language.equals("ru") ? RU : EN;
    }

    List<String> split(String paragraph) {
        List<String> out = new ArrayList<>();
        int n = paragraph.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = paragraph.charAt(i);
            if (!terminal(c)) {
                continue;
            }
            int j = i;
            while (j < n && terminal(paragraph.charAt(j))) {
                j++;
            }
            boolean single = j == i + 1 && c == '.';
            while (j < n && closing(paragraph.charAt(j))) {
                j++;
            }
            if (j >= n || !Character.isWhitespace(paragraph.charAt(j))) {
                i = j - 1;
                continue;
            }
            int k = j;
            while (k < n && Character.isWhitespace(paragraph.charAt(k))) {
                k++;
            }
            if (k < n && startsSentence(paragraph.charAt(k)) && !(single && abbreviation(paragraph, i))) {
                add(out, paragraph.substring(start, j));
                start = k;
            }
            i = k - 1;
        }
        add(out, paragraph.substring(start));
        return out;
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** Whether the word before the single dot at {@code dot} makes it an abbreviation's. */
    private boolean abbreviation(String s, int dot) {
        int b = dot;
        while (b > 0 && !Character.isWhitespace(s.charAt(b - 1)) && "([{\"«“'".indexOf(s.charAt(b - 1)) < 0) {
            b--;
        }
        String word = s.substring(b, dot);
        if (word.isEmpty()) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial
        }
        if (TERMINAL.contains(lower)) {
            return false;
        }
        if (abbreviations.contains(lower)) {
            return true;
        }
        if (language.equals("ru") && AFTER_NUMBER.contains(lower)) {
            return !numberBefore(s, b);
        }
        // U.S., т.н.: letters with dots inside
        return lower.indexOf('.') > 0 && lower.chars().allMatch(ch -> ch == '.' || Character.isLetter(ch));
    }

    /** Whether the word before position {@code wordStart} is a number (arabic or roman). */
    private static boolean numberBefore(String s, int wordStart) {
        int e = wordStart;
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        int b = e;
        while (b > 0 && !Character.isWhitespace(s.charAt(b - 1))) {
            b--;
        }
        String w = s.substring(b, e).replaceAll("[–—-]", "");
        return !w.isEmpty() && (w.chars().allMatch(Character::isDigit) || w.chars().allMatch(ch -> "IVXLCDM".indexOf(ch) >= 0));
    }

    private static boolean terminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    private static boolean closing(char c) {
        return "\"')]}»”’".indexOf(c) >= 0;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'([«„“".indexOf(c) >= 0;
    }
}
