package org.stagedml.model.transformer.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU exactly as sacreBLEU's default {@code BLEU().corpus_score(hyps, [refs])} (sacrebleu/metrics/bleu.py):
 * one reference per hypothesis, {@link Bleu13aTokenizer 13a} tokens, n-grams of orders 1..4 with counts
 * clipped by the reference's, statistics summed over the corpus before the precisions are taken,
 * brevity penalty {@code exp(1 - r/c)} when {@code c < r} (0 when {@code c = 0}), and the {@code exp}
 * smoothing of mteval-v13a: the k-th order with no match gets precision {@code 1 / (2^k * total)}.
 * If no n-gram of any order matches, or an order has no n-gram at all (every hypothesis shorter than
 * that order), the score is 0, as in sacreBLEU without {@code effective_order}.
 * <p>sacreBLEU 2 refuses an empty corpus and an empty reference line; here an empty corpus scores 0 and
 * an empty reference counts as 0 tokens (as sacreBLEU 1 counted it), so one odd dev line cannot fail an
 * epoch's evaluation.
 */
public final class Bleu {
    static final int MAX_ORDER = 4;
    /** sacreBLEU's {@code my_log(0)}: the log it takes for a zero precision. */
    private static final double LOG_ZERO = -9999999999.0;

    private Bleu() {
    }

    /**
     * @param hypotheses decoded sentences, one per line of the references
     * @param references the reference of each hypothesis
     * @param lowercase lowercase both sides first ({@code sacrebleu -lc}), for the uncased BLEU
     */
    public static BleuScore corpus(List<String> hypotheses, List<String> references, boolean lowercase) {
        if (hypotheses == null || references == null) {
            throw new IllegalArgumentException("BLEU needs a list of hypotheses and a list of references, got "
                    + (hypotheses == null ? "no hypotheses" : "no references"));
        }
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("BLEU got " + hypotheses.size() + " hypotheses for " + references.size()
                    + " references: pass exactly one reference per hypothesis, in the same order");
        }
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long hypLength = 0;
        long refLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = tokens(hypotheses.get(i), lowercase, "hypothesis", i);
            List<String> ref = tokens(references.get(i), lowercase, "reference", i);
            hypLength += hyp.size();
            refLength += ref.size();
            Map<String, Integer> refCounts = ngramCounts(ref);
            for (Map.Entry<String, Integer> e : ngramCounts(hyp).entrySet()) {
                int order = order(e.getKey());
                total[order - 1] += e.getValue();
                correct[order - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
            }
        }
        return score(correct, total, hypLength, refLength);
    }

    /** sacreBLEU's {@code compute_bleu} with {@code smooth_method='exp'}, from the summed statistics. */
    static BleuScore score(long[] correct, long[] total, long hypLength, long refLength) {
        double brevityPenalty = hypLength < refLength ? (hypLength > 0 ? Math.exp(1 - (double) refLength / hypLength) : 0.0) : 1.0;
        double[] precisions = new double[MAX_ORDER];
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c > 0;
        }
        if (!anyMatch) {
            return new BleuScore(0.0, precisions, brevityPenalty, (int) hypLength, (int) refLength);
        }
        double smooth = 1.0;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (total[n] == 0) {
                break; // this and the higher orders keep precision 0, so the score is 0
            }
            if (correct[n] == 0) {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        double sumLogs = 0.0;
        for (double p : precisions) {
            sumLogs += p == 0.0 ? LOG_ZERO : Math.log(p);
        }
        double score = brevityPenalty * Math.exp(sumLogs / MAX_ORDER);
        return new BleuScore(score, precisions, brevityPenalty, (int) hypLength, (int) refLength);
    }

    /** sacreBLEU's preprocessing of a segment: lowercase if asked, strip trailing whitespace, 13a tokens. */
    private static List<String> tokens(String segment, boolean lowercase, String side, int index) {
        if (segment == null) {
            throw new IllegalArgumentException("BLEU: the " + side + " at index " + index + " is null: pass an empty string for an empty line");
        }
        String s = lowercase ? Bleu13aTokenizer.lower(segment) : segment;
        return Bleu13aTokenizer.tokenize(Bleu13aTokenizer.stripTrailing(s));
    }

    /** Counts of the n-grams of orders 1..4, each keyed by its tokens joined with single spaces (tokens have none). */
    static Map<String, Integer> ngramCounts(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int order(String ngram) {
        int spaces = 0;
        for (int i = 0; i < ngram.length(); i++) {
            if (ngram.charAt(i) == ' ') {
                spaces++;
            }
        }
        return spaces + 1;
    }
}
