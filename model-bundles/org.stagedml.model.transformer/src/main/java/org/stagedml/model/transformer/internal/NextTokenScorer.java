package org.stagedml.model.transformer.internal;

/**
 * The decoder seen from a search: the log-probabilities of the next token after each of a batch of
 * target prefixes of one source sentence. {@link GreedySearch} and {@link BeamSearch} call it once per
 * decoding step with all the prefixes they keep (the model runs them as one batch).
 */
@FunctionalInterface
public interface NextTokenScorer {
    /**
     * @param prefixes target prefixes without start or end token (a prefix may be empty); not modified
     * @return one row per prefix, in order: the log-softmax over the whole vocabulary (all rows of one
     *     length, the vocabulary size)
     */
    float[][] logProbs(int[][] prefixes);
}
