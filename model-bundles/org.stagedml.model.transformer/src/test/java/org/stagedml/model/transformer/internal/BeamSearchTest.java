package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Beam search on tiny deterministic models (vocabulary 4, EOS 1, at most 4 steps) against exhaustive search and greedy decoding. */
class BeamSearchTest {
    private static final int VOCAB = 4;
    private static final int EOS = 1;
    private static final int MAX_LENGTH = 4;
    /** At most 27 alive sequences (3 non-EOS tokens, 3 steps) and 108 extensions, so 2 * 64 keeps every one. */
    private static final int EXHAUSTIVE_BEAM = 64;
    private static final double[] ALPHAS = {0, 0.6, 1, 2};

    @Test
    void aBeamThatHoldsEverySequenceFindsTheExhaustiveOptimumExactly() {
        int cases = 0;
        for (double spread : new double[] {0.5, 1.5, 3}) {
            for (long seed = 0; seed < 40; seed++) {
                for (double alpha : ALPHAS) {
                    BeamSearchToyModel model = new BeamSearchToyModel(VOCAB, EOS, seed, spread, 0);
                    int[] beam = new BeamSearch(EXHAUSTIVE_BEAM, alpha, MAX_LENGTH, EOS).decode(model);
                    int[] best = model.exhaustiveBest(alpha, MAX_LENGTH);
                    assertArrayEquals(best, beam, "spread " + spread + " seed " + seed + " alpha " + alpha);
                    cases++;
                }
            }
        }
        assertEquals(480, cases);
    }

    @Test
    void aBeamOfOneFollowsTheGreedyPathAtAlphaZero() {
        // With alpha = 0 and an EOS that is never the second choice, TensorFlow's beam of one keeps
        // exactly greedy's sequence alive and finishes when greedy does.
        for (long seed = 0; seed < 200; seed++) {
            BeamSearchToyModel toy = new BeamSearchToyModel(VOCAB, EOS, seed, 1.5, 0.5);
            NextTokenScorer eosNeverSecond = prefixes -> {
                float[][] rows = toy.logProbs(prefixes);
                for (float[] row : rows) {
                    if (!isArgmax(row, EOS)) {
                        swap(row, EOS, argmin(row)); // a permutation: still a distribution
                    }
                }
                return rows;
            };
            assertArrayEquals(new GreedySearch(MAX_LENGTH, EOS).decode(eosNeverSecond),
                    new BeamSearch(1, 0, MAX_LENGTH, EOS).decode(eosNeverSecond), "seed " + seed);
        }
    }

    @Test
    void aBeamOfOneKeepsAnEosRankedSecondAsTensorFlowsDoes() {
        // TensorFlow's beam search looks at the best 2 * beamSize extensions, so even a beam of one
        // finishes an EOS ranked second: here the empty output (P = 0.4) beats greedy's 2 3 (P = 0.5 * 0.7 * 0.9 = 0.315).
        NextTokenScorer model = table(Map.of(
                "", probs(0.05, 0.4, 0.5, 0.05),
                "2", probs(0.05, 0.2, 0.05, 0.7),
                "2 3", probs(0.04, 0.9, 0.03, 0.03)));
        assertArrayEquals(new int[] {2, 3}, new GreedySearch(MAX_LENGTH, EOS).decode(model));
        assertArrayEquals(new int[0], new BeamSearch(1, 0, MAX_LENGTH, EOS).decode(model));
    }

    @Test
    void aBeamOfOneAndAnExhaustiveBeamNeverScoreBelowGreedy() {
        int compared = 0;
        for (double bias : new double[] {0, 1}) {
            for (long seed = 0; seed < 60; seed++) {
                for (double alpha : ALPHAS) {
                    BeamSearchToyModel model = new BeamSearchToyModel(VOCAB, EOS, seed, 1.5, bias);
                    int[] greedy = new GreedySearch(MAX_LENGTH, EOS).decode(model);
                    if (greedy.length == MAX_LENGTH) {
                        continue; // greedy did not finish within 4 steps: no finished score to compare
                    }
                    double greedyScore = BeamSearchToyModel.finishedScore(model.quiet(), greedy, alpha, EOS);
                    for (int beamSize : new int[] {1, EXHAUSTIVE_BEAM}) {
                        int[] beam = new BeamSearch(beamSize, alpha, MAX_LENGTH, EOS).decode(model);
                        double beamScore = BeamSearchToyModel.finishedScore(model.quiet(), beam, alpha, EOS);
                        assertTrue(beamScore >= greedyScore, "beam " + beamSize + " seed " + seed + " alpha " + alpha
                                + ": " + Arrays.toString(beam) + " " + beamScore + " < greedy " + Arrays.toString(greedy) + " " + greedyScore);
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared > 300, "greedy finished in only " + compared + " cases");
    }

    @Test
    void aBeamBetweenOneAndExhaustiveCanScoreBelowGreedy() {
        // Beam search is not monotone in the beam size (neither is TensorFlow's): greedy's path 0 3 3 drops
        // out of the beam of 2, which ends on 0 EOS. The one such case among 34,000 seeded ones (beams 1, 2,
        // 3, 4, 8); it pins the algorithm (java.util.Random is specified: the model is the same on every JVM).
        BeamSearchToyModel model = new BeamSearchToyModel(VOCAB, EOS, 8, 1.5, 0);
        double alpha = 2;
        int[] greedy = new GreedySearch(MAX_LENGTH, EOS).decode(model);
        int[] beam = new BeamSearch(2, alpha, MAX_LENGTH, EOS).decode(model);
        assertArrayEquals(new int[] {0, 3, 3}, greedy);
        assertArrayEquals(new int[] {0}, beam);
        assertTrue(BeamSearchToyModel.finishedScore(model.quiet(), beam, alpha, EOS)
                < BeamSearchToyModel.finishedScore(model.quiet(), greedy, alpha, EOS));
    }

    @Test
    void alphaFavoursLongerOutputs() {
        // Empty output: P = 0.4, length 1 (the EOS); the output 2: P = 0.6 * 0.6 = 0.36, length 2.
        // Scores: ln 0.4 / 1 = -0.916 against ln 0.36 / (7/6)^alpha = -1.022 / (7/6)^alpha, which wins once
        // (7/6)^alpha > 1.115, i.e. alpha > 0.708: alpha 0 and the reference 0.6 keep the empty output, 1 takes 2.
        NextTokenScorer model = table(Map.of(
                "", probs(0, 0.4, 0.6),
                "2", probs(0, 0.6, 0.4),
                "2 2", probs(0, 1, 0)));
        assertArrayEquals(new int[0], new BeamSearch(2, 0, MAX_LENGTH, EOS).decode(model));
        assertArrayEquals(new int[0], new BeamSearch(2, 0.6, MAX_LENGTH, EOS).decode(model));
        assertArrayEquals(new int[] {2}, new BeamSearch(2, 1, MAX_LENGTH, EOS).decode(model));

        // On the seeded models the exhaustive optimum's length never falls as alpha grows (if a longer
        // sequence wins at alpha it wins at every larger alpha), and it grows on some.
        double[] alphas = {0, 0.3, 0.6, 1, 2, 4};
        int grew = 0;
        for (long seed = 0; seed < 60; seed++) {
            BeamSearchToyModel toy = new BeamSearchToyModel(VOCAB, EOS, seed, 1.5, 0.5);
            int previous = -1;
            for (double alpha : alphas) {
                int length = new BeamSearch(EXHAUSTIVE_BEAM, alpha, MAX_LENGTH, EOS).decode(toy).length;
                assertTrue(length >= previous, "seed " + seed + " alpha " + alpha + ": length " + length + " < " + previous);
                grew += previous >= 0 && length > previous ? 1 : 0;
                previous = length;
            }
        }
        assertTrue(grew >= 10, "the length grew with alpha on only " + grew + " models");
    }

    @Test
    void anImmediateEosGivesTheEmptyOutput() {
        for (int eos : new int[] {1, 3}) {
            NextTokenScorer model = table(Map.of("", eos == 1 ? probs(0.1, 0.7, 0.1, 0.1) : probs(0.1, 0.1, 0.1, 0.7)));
            assertArrayEquals(new int[0], new BeamSearch(4, 0.6, MAX_LENGTH, eos).decode(model));
            assertArrayEquals(new int[0], new GreedySearch(MAX_LENGTH, eos).decode(model));
        }
    }

    @Test
    void outputsNeverContainEosAndRespectTheMaximumLength() {
        for (long seed = 0; seed < 50; seed++) {
            for (int eos : new int[] {0, 1, 3}) {
                BeamSearchToyModel model = new BeamSearchToyModel(VOCAB, eos, seed, 1.5, -0.5);
                for (int beamSize : new int[] {1, 3, 8}) {
                    int[] out = new BeamSearch(beamSize, 0.6, MAX_LENGTH, eos).decode(model);
                    assertTrue(out.length <= MAX_LENGTH);
                    assertFalse(Arrays.stream(out).anyMatch(t -> t == eos), Arrays.toString(out));
                }
            }
        }
    }

    @Test
    void withoutAPossibleEosTheBestSequenceOfMaximumLengthIsReturned() {
        // EOS has probability 0 everywhere: nothing finishes, and like TensorFlow the search returns its best
        // alive sequence, here the most probable of all 3^4 sequences of 4 tokens since the beam holds them all.
        BeamSearchToyModel toy = new BeamSearchToyModel(VOCAB, EOS, 3, 1.5, 0);
        NextTokenScorer noEos = prefixes -> {
            float[][] rows = toy.logProbs(prefixes);
            for (float[] row : rows) {
                row[EOS] = Float.NEGATIVE_INFINITY;
            }
            return rows;
        };
        int[] beam = new BeamSearch(EXHAUSTIVE_BEAM, 0.6, MAX_LENGTH, EOS).decode(noEos);
        int[] best = null;
        double bestLogProb = Double.NEGATIVE_INFINITY;
        for (int[] ids : toy.allOutputs(MAX_LENGTH)) {
            double lp = BeamSearchToyModel.logProb(noEos, ids, false, EOS);
            if (ids.length == MAX_LENGTH && lp > bestLogProb) {
                best = ids;
                bestLogProb = lp;
            }
        }
        assertArrayEquals(best, beam);
        assertEquals(MAX_LENGTH, new GreedySearch(MAX_LENGTH, EOS).decode(noEos).length);
    }

    @Test
    void eachStepScoresAllAlivePrefixesInOneCall() {
        for (long seed = 0; seed < 20; seed++) {
            BeamSearchToyModel model = new BeamSearchToyModel(VOCAB, EOS, seed, 1.0, -1);
            int beamSize = 3;
            new BeamSearch(beamSize, 0.6, MAX_LENGTH, EOS).decode(model);
            assertTrue(model.calls.size() >= 1 && model.calls.size() <= MAX_LENGTH);
            assertArrayEquals(new int[][] {{}}, model.calls.get(0), "the first step scores the empty prefix alone");
            for (int step = 0; step < model.calls.size(); step++) {
                int[][] prefixes = model.calls.get(step);
                assertTrue(prefixes.length >= 1 && prefixes.length <= beamSize, "step " + step + ": " + prefixes.length + " prefixes");
                Set<String> distinct = new HashSet<>();
                for (int[] p : prefixes) {
                    assertEquals(step, p.length);
                    distinct.add(Arrays.toString(p));
                }
                assertEquals(prefixes.length, distinct.size(), "step " + step + " scored a prefix twice");
            }
            // with 3 alive prefixes of 3 non-EOS tokens, the second step has a full beam
            if (model.calls.size() > 1) {
                assertEquals(beamSize, model.calls.get(1).length);
            }
        }
    }

    @Test
    void theSearchStopsOnceNoAliveSequenceCanBeatTheBestFinished() {
        // EOS first with P = 0.97: the alive sequences (P <= 0.01) cannot catch up even with the largest
        // length penalty, so one step is enough although 50 are allowed.
        int[] calls = {0};
        NextTokenScorer model = prefixes -> {
            calls[0]++;
            float[][] rows = new float[prefixes.length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = probs(0.01, 0.97, 0.01, 0.01);
            }
            return rows;
        };
        assertArrayEquals(new int[0], new BeamSearch(4, 0.6, 50, EOS).decode(model));
        assertEquals(1, calls[0]);
    }

    @Test
    void badArgumentsAndBadScorersFailWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BeamSearch(0, 0.6, 10, EOS)).getMessage().contains("beam size 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BeamSearch(4, -1, 10, EOS)).getMessage().contains("alpha -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BeamSearch(4, Double.NaN, 10, EOS)).getMessage().contains("alpha NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BeamSearch(4, 0.6, 0, EOS)).getMessage().contains("length 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GreedySearch(10, -1)).getMessage().contains("EOS id -1"));

        BeamSearch search = new BeamSearch(2, 0.6, 5, EOS);
        assertTrue(assertThrows(IllegalStateException.class, () -> search.decode(p -> new float[0][]))
                .getMessage().contains("returned 0 rows for 1 prefixes"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new BeamSearch(2, 0.6, 5, 7).decode(p -> new float[][] {probs(0.5, 0.5)}))
                .getMessage().contains("EOS id 7 is outside the scorer's vocabulary of 2 tokens"));
        assertTrue(assertThrows(IllegalStateException.class, () -> search.decode(p -> new float[][] {{0f, Float.NaN, -1f}}))
                .getMessage().contains("NaN for token 1 after prefix []"));
        assertTrue(assertThrows(IllegalStateException.class, () -> search.decode(p -> new float[][] {{Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}}))
                .getMessage().contains("every token log-probability -Infinity"));
        float[][] growing = {probs(0.2, 0.1, 0.7)};
        assertTrue(assertThrows(IllegalStateException.class, () -> search.decode(p -> {
            float[][] rows = Arrays.stream(p).map(x -> growing[0].clone()).toArray(float[][]::new);
            growing[0] = Arrays.copyOf(growing[0], growing[0].length + 1);
            return rows;
        })).getMessage().contains("a row of 4 log-probabilities for prefix [2] after rows of 3"));
    }

    /** A model given as a table: prefix (ids joined by spaces) to next-token distribution. */
    static NextTokenScorer table(Map<String, float[]> rows) {
        return prefixes -> Arrays.stream(prefixes).map(p -> {
            String key = String.join(" ", Arrays.stream(p).mapToObj(Integer::toString).toArray(String[]::new));
            float[] row = rows.get(key);
            if (row == null) {
                throw new AssertionError("the search asked for prefix " + key + ", not in the table");
            }
            return row.clone();
        }).toArray(float[][]::new);
    }

    /** The log of each probability. */
    static float[] probs(double... p) {
        float[] row = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            row[i] = (float) Math.log(p[i]);
        }
        return row;
    }

    private static boolean isArgmax(float[] row, int t) {
        for (float v : row) {
            if (v > row[t]) {
                return false;
            }
        }
        return true;
    }

    private static int argmin(float[] row) {
        int min = 0;
        for (int t = 1; t < row.length; t++) {
            if (row[t] < row[min]) {
                min = t;
            }
        }
        return min;
    }

    private static void swap(float[] row, int a, int b) {
        float x = row[a];
        row[a] = row[b];
        row[b] = x;
    }
}
