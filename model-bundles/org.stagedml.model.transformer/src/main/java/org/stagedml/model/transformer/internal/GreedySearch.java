package org.stagedml.model.transformer.internal;

import java.util.Arrays;

/**
 * Greedy decoding: at each step the single most probable next token (the lowest id on ties), until EOS
 * or {@code maxLength} steps. Steps are counted as {@link BeamSearch} counts them: the EOS is one of the
 * at most {@code maxLength} tokens, so an output without EOS has at most {@code maxLength} tokens.
 */
public final class GreedySearch {
    private final int maxLength;
    private final int eosId;

    public GreedySearch(int maxLength, int eosId) {
        BeamSearch.checkLengthAndEos(maxLength, eosId);
        this.maxLength = maxLength;
        this.eosId = eosId;
    }

    /** The greedy ids, EOS stripped; one scorer call with one prefix per step. */
    public int[] decode(NextTokenScorer scorer) {
        BeamSearchScorer checked = new BeamSearchScorer(scorer, eosId);
        int[] ids = new int[maxLength];
        int length = 0;
        while (length < maxLength) {
            float[] row = checked.logProbs(new int[][] {Arrays.copyOf(ids, length)})[0];
            int best = 0;
            for (int t = 1; t < row.length; t++) {
                if (row[t] > row[best]) {
                    best = t;
                }
            }
            if (best == eosId) {
                break;
            }
            ids[length++] = best;
        }
        return Arrays.copyOf(ids, length);
    }
}
