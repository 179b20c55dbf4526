package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beam search as the official TensorFlow Transformer's {@code SequenceBeamSearch} (tensorflow/models,
 * official/transformer/model/beam_search.py), for one source sentence:
 * <ul>
 * <li>up to {@code beamSize} alive sequences (no EOS yet), starting from the empty prefix with log-probability 0;
 * <li>each step extends every alive sequence by every token (one batched scorer call) and keeps the
 *     {@code 2 * beamSize} extensions with the highest log-probabilities (ties: lower beam, then lower id);
 *     of those, the ones ending in EOS are finished candidates scored {@code logProb / ((5 + len) / 6)^alpha},
 *     {@code len} counting the EOS, and the best {@code beamSize} others stay alive;
 * <li>the search stops after {@code maxLength} steps, or when the best alive sequence, even with the
 *     largest length penalty and no further loss, scores below the best finished one;
 * <li>the result is the best finished sequence, or the best alive one if none finished.
 * </ul>
 * Extensions of log-probability -Infinity (probability 0, e.g. a masked token) are dropped, where
 * TensorFlow would still rank them, so an EOS the model rules out never ends the output. TensorFlow stops only when the <em>worst</em> of its {@code beamSize} finished sequences beats the
 * best alive bound, so that its whole finished beam is final; we return one sequence, and once the best
 * finished one beats that bound no later candidate can overtake it, so the result is the same with fewer
 * steps. Log-probabilities are summed in double (TensorFlow: float32); {@code maxLength} counts the EOS.
 */
public final class BeamSearch {
    private final int beamSize;
    private final double alpha;
    private final int maxLength;
    private final int eosId;

    public BeamSearch(int beamSize, double alpha, int maxLength, int eosId) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("beam size " + beamSize + " is not positive: use 1 or more (4 as the reference)");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("length penalty alpha " + alpha
                    + " must be a finite number >= 0 (0.6 as the reference; 0 scores by log-probability alone)");
        }
        checkLengthAndEos(maxLength, eosId);
        this.beamSize = beamSize;
        this.alpha = alpha;
        this.maxLength = maxLength;
        this.eosId = eosId;
    }

    static void checkLengthAndEos(int maxLength, int eosId) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum decode length " + maxLength + " is not positive: it counts the EOS, use 1 or more");
        }
        if (eosId < 0) {
            throw new IllegalArgumentException("EOS id " + eosId + " is negative: pass the vocabulary's EOS id");
        }
    }

    /** The length penalty {@code ((5 + length) / 6)^alpha} of a finished sequence of {@code length} tokens, EOS included. */
    static double lengthPenalty(double alpha, int length) {
        return Math.pow((5.0 + length) / 6.0, alpha);
    }

    /** The best ids, EOS stripped; one scorer call per step with all alive prefixes. */
    public int[] decode(NextTokenScorer scorer) {
        BeamSearchScorer checked = new BeamSearchScorer(scorer, eosId);
        List<Hypothesis> alive = List.of(new Hypothesis(new int[0], 0.0));
        int[] bestFinished = null;
        double bestFinishedScore = Double.NEGATIVE_INFINITY;
        double maxPenalty = lengthPenalty(alpha, maxLength);
        for (int step = 0; step < maxLength && !alive.isEmpty(); step++) {
            if (bestFinished != null && bestFinishedScore > alive.get(0).logProb / maxPenalty) {
                break;
            }
            int[][] prefixes = new int[alive.size()][];
            for (int b = 0; b < prefixes.length; b++) {
                prefixes[b] = alive.get(b).ids;
            }
            float[][] rows = checked.logProbs(prefixes);
            double penalty = lengthPenalty(alpha, step + 1);
            List<Hypothesis> next = new ArrayList<>(beamSize);
            for (Candidate c : topCandidates(alive, rows, 2 * beamSize)) {
                if (c.logProb == Double.NEGATIVE_INFINITY) {
                    break; // impossible sequences (probability 0) neither finish nor stay alive
                }
                if (c.token == eosId) {
                    double score = c.logProb / penalty;
                    // strict: on a tie the earlier finished sequence stays first, as TensorFlow's top_k keeps it
                    if (bestFinished == null || score > bestFinishedScore) {
                        bestFinished = alive.get(c.beam).ids;
                        bestFinishedScore = score;
                    }
                } else if (next.size() < beamSize) {
                    int[] prefix = alive.get(c.beam).ids;
                    int[] ids = Arrays.copyOf(prefix, prefix.length + 1);
                    ids[prefix.length] = c.token;
                    next.add(new Hypothesis(ids, c.logProb));
                }
            }
            alive = next;
        }
        if (bestFinished != null) {
            return bestFinished.clone();
        }
        return alive.isEmpty() ? new int[0] : alive.get(0).ids.clone();
    }

    /**
     * The {@code count} extensions of the alive sequences with the highest log-probabilities, best first,
     * ties in the order of TensorFlow's top_k over the flattened beam x vocabulary (lower beam, then lower id).
     * A global top-{@code count} extension is among the top {@code count} of its own row, so each row is
     * cut to its top {@code count} before the merge.
     */
    private static List<Candidate> topCandidates(List<Hypothesis> alive, float[][] rows, int count) {
        List<Candidate> all = new ArrayList<>();
        for (int b = 0; b < rows.length; b++) {
            float[] row = rows[b];
            int[] top = new int[Math.min(count, row.length)];
            int kept = 0;
            for (int t = 0; t < row.length; t++) {
                if (kept == top.length && !(row[t] > row[top[kept - 1]])) {
                    continue;
                }
                int at = kept == top.length ? kept - 1 : kept++;
                while (at > 0 && row[t] > row[top[at - 1]]) {
                    top[at] = top[at - 1];
                    at--;
                }
                top[at] = t;
            }
            double base = alive.get(b).logProb;
            for (int i = 0; i < kept; i++) {
                all.add(new Candidate(b, top[i], base + row[top[i]]));
            }
        }
        all.sort((x, y) -> x.logProb != y.logProb ? Double.compare(y.logProb, x.logProb)
                : x.beam != y.beam ? Integer.compare(x.beam, y.beam) : Integer.compare(x.token, y.token));
        return all.size() > count ? all.subList(0, count) : all;
    }

    private record Hypothesis(int[] ids, double logProb) {
    }

    private record Candidate(int beam, int token, double logProb) {
    }
}
