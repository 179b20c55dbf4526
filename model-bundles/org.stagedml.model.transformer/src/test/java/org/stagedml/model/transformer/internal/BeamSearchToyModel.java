package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A tiny deterministic language model for the search tests: the next-token distribution is a seeded
 * pseudo-random function of the whole prefix (so every prefix has its own distribution, as a real
 * decoder's), and it records every batch it is asked for. Also the exhaustive search the beam is
 * checked against, with the same arithmetic as {@link BeamSearch} (log-probabilities summed in double).
 */
final class BeamSearchToyModel implements NextTokenScorer {
    final int vocabSize;
    final int eosId;
    private final long seed;
    private final double spread;
    private final double eosBias;
    final List<int[][]> calls = new ArrayList<>();

    /**
     * @param spread standard deviation of the logits (larger: more peaked distributions)
     * @param eosBias added to the EOS logit (positive: shorter outputs)
     */
    BeamSearchToyModel(int vocabSize, int eosId, long seed, double spread, double eosBias) {
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.seed = seed;
        this.spread = spread;
        this.eosBias = eosBias;
    }

    @Override
    public float[][] logProbs(int[][] prefixes) {
        calls.add(Arrays.stream(prefixes).map(int[]::clone).toArray(int[][]::new));
        float[][] rows = new float[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            rows[i] = row(prefixes[i]);
        }
        return rows;
    }

    /** The log-softmax after {@code prefix}. */
    float[] row(int[] prefix) {
        long h = seed * 0x9E3779B97F4A7C15L + prefix.length;
        for (int t : prefix) {
            h = h * 1_000_003L + t + 1;
        }
        Random random = new Random(h);
        double[] logits = new double[vocabSize];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < vocabSize; t++) {
            logits[t] = spread * random.nextGaussian() + (t == eosId ? eosBias : 0);
            max = Math.max(max, logits[t]);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        float[] row = new float[vocabSize];
        for (int t = 0; t < vocabSize; t++) {
            row[t] = (float) (logits[t] - max - Math.log(sum));
        }
        return row;
    }

    /** The log-probability of {@code ids}, then EOS if {@code finished}, summed as the searches sum it. */
    static double logProb(NextTokenScorer model, int[] ids, boolean finished, int eosId) {
        double lp = 0.0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length && !finished) {
                break;
            }
            float[] row = model.logProbs(new int[][] {Arrays.copyOf(ids, i)})[0];
            lp += row[i == ids.length ? eosId : ids[i]];
        }
        return lp;
    }

    /** The beam-search score of the finished output {@code ids}: log P(ids, EOS) / ((5 + len + 1) / 6)^alpha. */
    static double finishedScore(NextTokenScorer model, int[] ids, double alpha, int eosId) {
        return logProb(model, ids, true, eosId) / BeamSearch.lengthPenalty(alpha, ids.length + 1);
    }

    /** The best finished output of at most {@code maxLength} tokens counting the EOS, by trying them all. */
    int[] exhaustiveBest(double alpha, int maxLength) {
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] ids : allOutputs(maxLength - 1)) {
            double score = finishedScore(this::rowsWithoutRecording, ids, alpha, eosId);
            if (best == null || score > bestScore) {
                best = ids;
                bestScore = score;
            }
        }
        return best;
    }

    /** The same model, not recording its calls (for scoring outputs after a search). */
    NextTokenScorer quiet() {
        return this::rowsWithoutRecording;
    }

    private float[][] rowsWithoutRecording(int[][] prefixes) {
        return Arrays.stream(prefixes).map(this::row).toArray(float[][]::new);
    }

    /** Every sequence of non-EOS tokens of length 0..maxTokens. */
    List<int[]> allOutputs(int maxTokens) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        for (int start = 0; start < out.size(); start++) {
            int[] prefix = out.get(start);
            if (prefix.length == maxTokens) {
                continue;
            }
            for (int t = 0; t < vocabSize; t++) {
                if (t != eosId) {
                    int[] ids = Arrays.copyOf(prefix, prefix.length + 1);
                    ids[prefix.length] = t;
                    out.add(ids);
                }
            }
        }
        return out;
    }
}
