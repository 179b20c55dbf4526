package org.stagedml.model.transformer.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A corpus BLEU as sacreBLEU reports it.
 *
 * @param score BLEU, 0..100
 * @param precisions the smoothed n-gram precisions for n = 1..4, in percent as sacreBLEU prints them
 *     (all 0 when no n-gram matched; 0 from the first order with no n-gram at all)
 * @param brevityPenalty {@code exp(1 - r/c)} when the hypotheses are shorter than the references, else 1
 * @param hypothesisLength c, the number of hypothesis tokens after 13a tokenization
 * @param referenceLength r, the number of reference tokens
 */
public record BleuScore(double score, double[] precisions, double brevityPenalty, int hypothesisLength, int referenceLength) {
    public BleuScore {
        precisions = precisions.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    /** Equal when every component is, the precisions compared by value (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof BleuScore b && Double.compare(score, b.score) == 0 && Arrays.equals(precisions, b.precisions)
                && Double.compare(brevityPenalty, b.brevityPenalty) == 0 && hypothesisLength == b.hypothesisLength
                && referenceLength == b.referenceLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, Arrays.hashCode(precisions), brevityPenalty, hypothesisLength, referenceLength);
    }

    /** As sacreBLEU prints a score, without the signature. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BLEU = %.2f %.1f/%.1f/%.1f/%.1f (BP = %.3f hyp_len = %d ref_len = %d)",
                score, precisions[0], precisions[1], precisions[2], precisions[3], brevityPenalty, hypothesisLength, referenceLength);
    }
}
