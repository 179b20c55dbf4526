package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated copy-and-reverse task: a source of random symbols, its target the same symbols in
 * reverse order. As ids (symbols 2.., each sentence ending with EOS 1) and as text ("c a d").
 */
final class CopyReverse {
    static final int SYMBOLS = 10;
    static final int VOCAB = SYMBOLS + 2;

    private CopyReverse() {
    }

    /** {@code n} pairs {source ids + EOS, target ids + EOS} of lengths minLen..maxLen. */
    static List<int[][]> pairs(int n, int minLen, int maxLen, long seed) {
        Random r = new Random(seed);
        List<int[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = minLen + r.nextInt(maxLen - minLen + 1);
            int[] s = new int[len + 1];
            int[] t = new int[len + 1];
            for (int k = 0; k < len; k++) {
                s[k] = 2 + r.nextInt(SYMBOLS);
            }
            for (int k = 0; k < len; k++) {
                t[k] = s[len - 1 - k];
            }
            s[len] = 1;
            t[len] = 1;
            out.add(new int[][] {s, t});
        }
        return out;
    }

    /** Ids without EOS as text: symbol k is the letter 'a' + k - 2. */
    static String text(int[] ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            if (id == 1) {
                break;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append((char) ('a' + id - 2));
        }
        return b.toString();
    }
}
