package org.stagedml.model.transformer.internal;

import java.util.Arrays;

/**
 * The checked calls of {@link GreedySearch} and {@link BeamSearch} to a {@link NextTokenScorer}: one
 * row per prefix, one vocabulary size across the whole search, room for the EOS id, no NaN, at least one possible
 * token per row. A model
 * that breaks one of these fails the search with a message saying which, instead of decoding garbage.
 */
final class BeamSearchScorer {
    private final NextTokenScorer scorer;
    private final int eosId;
    private int vocabSize = -1;
    private int calls;

    BeamSearchScorer(NextTokenScorer scorer, int eosId) {
        if (scorer == null) {
            throw new IllegalArgumentException("no NextTokenScorer given to decode with");
        }
        this.scorer = scorer;
        this.eosId = eosId;
    }

    /** The scorer's rows for {@code prefixes}, checked. */
    float[][] logProbs(int[][] prefixes) {
        calls++;
        float[][] rows = scorer.logProbs(prefixes);
        if (rows == null || rows.length != prefixes.length) {
            throw new IllegalStateException("the NextTokenScorer returned " + (rows == null ? "null" : rows.length + " rows")
                    + " for " + prefixes.length + " prefixes: it must return one log-softmax row per prefix, in order");
        }
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            if (vocabSize < 0) {
                vocabSize = row == null ? 0 : row.length;
                if (eosId >= vocabSize) {
                    throw new IllegalStateException("the EOS id " + eosId + " is outside the scorer's vocabulary of "
                            + vocabSize + " tokens: pass the EOS id of the model's vocabulary");
                }
            }
            if (row == null || row.length != vocabSize) {
                throw new IllegalStateException("the NextTokenScorer returned a row of " + (row == null ? 0 : row.length)
                        + " log-probabilities for prefix " + Arrays.toString(prefixes[r]) + " after rows of " + vocabSize
                        + ": every row must cover the whole vocabulary");
            }
            boolean possible = false;
            for (int t = 0; t < row.length; t++) {
                possible |= row[t] != Float.NEGATIVE_INFINITY;
                if (Float.isNaN(row[t]) || row[t] == Float.POSITIVE_INFINITY) {
                    throw new IllegalStateException("the NextTokenScorer returned " + row[t] + " for token " + t
                            + " after prefix " + Arrays.toString(prefixes[r])
                            + ": a log-probability must be a number <= 0 or -Infinity; check the model's logits");
                }
            }
            if (!possible) {
                throw new IllegalStateException("the NextTokenScorer gave every token log-probability -Infinity after prefix "
                        + Arrays.toString(prefixes[r]) + ": a log-softmax row has at least one possible token");
            }
        }
        return rows;
    }

    /** How many times the scorer was called (one call per decoding step). */
    int calls() {
        return calls;
    }
}
