package org.stagedml.dataset.subword;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded generated text for the tokenizer tests. */
final class RandomText {
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if "
            + "find xargs grep sort files directory name type print count lines").split(" ");
    private static final String PUNCTUATION = "-.,|'\"*<>;0123456789";

    private RandomText() {
    }

    /** Sentences of Zipf-ish drawn words with punctuation and some made-up words. */
    static List<String> words(Random random, int sentences) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            StringBuilder s = new StringBuilder();
            int n = 3 + random.nextInt(12);
            for (int w = 0; w < n; w++) {
                if (w > 0) {
                    s.append(random.nextInt(10) == 0 ? ", " : " ");
                }
                if (random.nextInt(5) == 0) {
                    int len = 2 + random.nextInt(8);
                    for (int c = 0; c < len; c++) {
                        s.append((char) ('a' + random.nextInt(26)));
                    }
                } else {
                    double u = random.nextDouble();
                    s.append(WORDS[(int) (WORDS.length * u * u)]);
                }
            }
            out.add(s.append('.').toString());
        }
        return out;
    }

    /** words() plus some random Unicode lines. */
    static List<String> corpus(Random random, int sentences) {
        List<String> out = words(random, sentences);
        for (int i = 0; i < sentences / 20; i++) {
            out.add(anyString(random, 20));
        }
        return out;
    }

    /**
     * Any string: ASCII, whitespace runs, underscores, backslashes, escape look-alikes, Cyrillic,
     * CJK, emoji (surrogate pairs), lone surrogates and arbitrary code points.
     */
    static String anyString(Random random, int parts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(12)) {
                case 0 -> s.append(" ".repeat(1 + random.nextInt(3)));
                case 1 -> s.append(random.nextBoolean() ? "_" : "\\");
                case 2 -> s.append(random.nextBoolean() ? "\\u" : "\\" + random.nextInt(70000) + ";");
                case 3 -> s.append((char) ('a' + random.nextInt(26)));
                case 4 -> s.append(WORDS[random.nextInt(WORDS.length)]);
                case 5 -> s.append((char) (0x410 + random.nextInt(64)));
                case 6 -> s.append((char) (0x4E00 + random.nextInt(20000)));
                case 7 -> s.appendCodePoint(0x1F600 + random.nextInt(80));
                case 8 -> s.append((char) (Character.MIN_SURROGATE + random.nextInt(0x800)));
                case 9 -> s.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                case 10 -> s.append("\t\n\r\u00a0\u2028".charAt(random.nextInt(5)));
                default -> s.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
            }
        }
        return s.toString();
    }

    static String show(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
