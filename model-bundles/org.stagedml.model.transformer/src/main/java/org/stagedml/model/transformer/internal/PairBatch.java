package org.stagedml.model.transformer.internal;

import java.util.List;

/**
 * A training batch as padded int32 rows (0 padding), each as long as its longest member: sources,
 * the decoder inputs (target shifted right, 0 first: teacher forcing) and the targets.
 */
record PairBatch(int rows, int sourceLength, int targetLength, int[] source, int[] decoderInput, int[] target, int tokens) {
    /** The pairs of ids (each ending with EOS) {@code pairs.get(i) = {source, target}}. */
    static PairBatch of(List<int[][]> pairs) {
        int s = 1;
        int t = 1;
        for (int[][] p : pairs) {
            s = Math.max(s, p[0].length);
            t = Math.max(t, p[1].length);
        }
        int n = pairs.size();
        int[] src = new int[n * s];
        int[] dec = new int[n * t];
        int[] tgt = new int[n * t];
        int tokens = 0;
        for (int i = 0; i < n; i++) {
            int[] a = pairs.get(i)[0];
            int[] b = pairs.get(i)[1];
            System.arraycopy(a, 0, src, i * s, a.length);
            System.arraycopy(b, 0, tgt, i * t, b.length);
            System.arraycopy(b, 0, dec, i * t + 1, Math.min(b.length, t - 1));
            tokens += b.length;
        }
        return new PairBatch(n, s, t, src, dec, tgt, tokens);
    }
}
