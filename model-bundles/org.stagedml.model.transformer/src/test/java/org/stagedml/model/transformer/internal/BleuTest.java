package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corpus BLEU against values worked out by hand with sacreBLEU's algorithm (13a tokens, clipped n-gram
 * counts summed over the corpus, precisions p_n in percent, BLEU = BP * exp(mean ln p_n), BP = exp(1 - r/c)
 * when c < r, exp smoothing: the k-th order without a match gets 100 / (2^k * total)).
 */
class BleuTest {
    private static final double EPS = 1e-9;

    @Test
    void aPerfectMatchScores100() {
        List<String> text = List.of("The cat sat on the mat.", "Hello, world!");
        BleuScore s = Bleu.corpus(text, text, false);
        assertEquals(100, s.score(), EPS);
        assertArrayEquals(new double[] {100, 100, 100, 100}, s.precisions(), EPS);
        assertEquals(1.0, s.brevityPenalty());
        assertEquals(11, s.hypothesisLength()); // The cat sat on the mat . | Hello , world !
        assertEquals(11, s.referenceLength());
    }

    @Test
    void anEmptyHypothesisScores0WithBrevityPenalty0() {
        BleuScore s = Bleu.corpus(List.of(""), List.of("a b c"), false);
        assertEquals(0.0, s.score());
        assertEquals(0.0, s.brevityPenalty()); // c = 0 < r = 3
        assertEquals(0, s.hypothesisLength());
        assertEquals(3, s.referenceLength());
        assertArrayEquals(new double[4], s.precisions());
    }

    @Test
    void anEmptyCorpusScores0() {
        BleuScore s = Bleu.corpus(List.of(), List.of(), true);
        assertEquals(0.0, s.score());
        assertEquals(1.0, s.brevityPenalty()); // c = r = 0: not shorter
        assertEquals(0, s.hypothesisLength());
        assertEquals(0, s.referenceLength());
    }

    @Test
    void anEmptyReferenceCountsAsNoTokens() {
        // sacreBLEU 2 would refuse it; here "a b" / "" has c = 2, r = 0, no match: 0, BP 1
        BleuScore s = Bleu.corpus(List.of("a b"), List.of(""), false);
        assertEquals(new BleuScore(0.0, new double[4], 1.0, 2, 0), s);
    }

    @Test
    void theScoreReadsAsSacreBleuPrintsIt() {
        BleuScore s = Bleu.corpus(List.of("a b c d e"), List.of("a b x d e"), false);
        assertEquals("BLEU = 30.21 80.0/50.0/16.7/12.5 (BP = 1.000 hyp_len = 5 ref_len = 5)", s.toString());
        double[] p = s.precisions();
        p[0] = 0;
        assertEquals(80.0, s.precisions()[0], "the record hands out copies");
    }

    @Test
    void hypothesesShorterThanFourTokensScore0UnlessTheCorpusHasLongerOnes() {
        // "the cat" / "the cat sat": 1-grams 2/2, 2-grams 1/1, no 3-gram at all: sacreBLEU stops at the
        // first order with total 0 and leaves p3 = p4 = 0, so BLEU = 0 (without effective_order).
        BleuScore alone = Bleu.corpus(List.of("the cat"), List.of("the cat sat"), false);
        assertEquals(0.0, alone.score());
        assertArrayEquals(new double[] {100, 100, 0, 0}, alone.precisions(), EPS);
        assertEquals(Math.exp(1 - 3.0 / 2), alone.brevityPenalty(), EPS); // 0.6065

        // With "a b c d" / "a b c d" beside it the corpus counts are 1: 6/6, 2: 4/4, 3: 2/2, 4: 1/1, all 100;
        // c = 6, r = 7: BP = exp(1 - 7/6) = exp(-1/6) = 0.846482, BLEU = 84.648.
        BleuScore corpus = Bleu.corpus(List.of("the cat", "a b c d"), List.of("the cat sat", "a b c d"), false);
        assertEquals(100 * Math.exp(-1.0 / 6), corpus.score(), EPS);
        assertEquals(84.648, round3(corpus.score()));
    }

    @Test
    void allFourOrdersCount() {
        // hyp "the cat sat on a mat", ref "the cat sat on the mat" (6 tokens each, BP = 1)
        // 1-grams: the cat sat on mat match, a does not: 5/6
        // 2-grams: the cat, cat sat, sat on match; on a, a mat do not: 3/5
        // 3-grams: the cat sat, cat sat on match; sat on a, on a mat do not: 2/4
        // 4-grams: the cat sat on matches; cat sat on a, sat on a mat do not: 1/3
        // BLEU = 100 * (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = 100 * (1/12)^(1/4) = 53.728
        BleuScore s = Bleu.corpus(List.of("the cat sat on a mat"), List.of("the cat sat on the mat"), false);
        assertArrayEquals(new double[] {500.0 / 6, 60, 50, 100.0 / 3}, s.precisions(), EPS);
        assertEquals(100 * Math.pow(1.0 / 12, 0.25), s.score(), EPS);
        assertEquals(53.728, round3(s.score()));
    }

    @Test
    void ordersWithoutAMatchAreSmoothedAsMteval() {
        // hyp "a b c d e", ref "a b x d e": 1-grams 4/5 = 80, 2-grams (a b, d e) 2/4 = 50,
        // 3-grams 0/3: first order without a match, 100 / (2 * 3) = 16.667,
        // 4-grams 0/2: second one, 100 / (4 * 2) = 12.5.
        // BLEU = (80 * 50 * 16.667 * 12.5)^(1/4) = (833333.3)^(1/4) = 30.214
        BleuScore s = Bleu.corpus(List.of("a b c d e"), List.of("a b x d e"), false);
        assertArrayEquals(new double[] {80, 50, 100.0 / 6, 12.5}, s.precisions(), EPS);
        assertEquals(Math.pow(80 * 50 * (100.0 / 6) * 12.5, 0.25), s.score(), EPS);
        assertEquals(30.214, round3(s.score()));
    }

    @Test
    void countsAreClippedByTheReference() {
        // hyp "the" x 7, ref "the cat is on the mat": "the" counts at most twice, 1-grams 2/7 = 28.571;
        // 2-, 3-, 4-grams none of 6, 5, 4: 100/(2*6) = 8.333, 100/(4*5) = 5, 100/(8*4) = 3.125; c = 7 >= r = 6: BP = 1.
        // BLEU = (28.571 * 8.333 * 5 * 3.125)^(1/4) = 3720.24^(1/4) = 7.810
        BleuScore s = Bleu.corpus(List.of("the the the the the the the"), List.of("the cat is on the mat"), false);
        assertArrayEquals(new double[] {200.0 / 7, 100.0 / 12, 5, 3.125}, s.precisions(), EPS);
        assertEquals(1.0, s.brevityPenalty());
        assertEquals(7.810, round3(s.score()));
    }

    @Test
    void shortHypothesesPayTheBrevityPenalty() {
        // hyp "a b c d", ref "a b c d e f": every n-gram matches, c = 4 < r = 6: BP = exp(1 - 6/4) = exp(-0.5),
        // BLEU = 100 * 0.60653 = 60.653
        BleuScore s = Bleu.corpus(List.of("a b c d"), List.of("a b c d e f"), false);
        assertEquals(Math.exp(-0.5), s.brevityPenalty(), EPS);
        assertEquals(60.653, round3(s.score()));
    }

    @Test
    void theCorpusScoreSumsTheStatisticsInsteadOfAveragingSentenceScores() {
        // "a b c d" / "a b c d" and "x y" / "z w": 1-grams (4 + 0)/(4 + 2) = 4/6, 2-grams (3 + 0)/(3 + 1) = 3/4,
        // 3-grams 2/2, 4-grams 1/1, c = r = 6: BLEU = 100 * (4/6 * 3/4)^(1/4) = 100 * 0.5^(1/4) = 84.090
        // (the mean of the sentence scores would be (100 + 0) / 2 = 50).
        BleuScore s = Bleu.corpus(List.of("a b c d", "x y"), List.of("a b c d", "z w"), false);
        assertEquals(100 * Math.pow(0.5, 0.25), s.score(), EPS);
        assertEquals(84.090, round3(s.score()));
    }

    @Test
    void lowercaseIgnoresCase() {
        // cased: "The" does not match "the": 1-grams 5/6, 2-grams 4/5, 3-grams 3/4, 4-grams 2/3,
        // BLEU = 100 * (5/6 * 4/5 * 3/4 * 2/3)^(1/4) = 100 * (1/3)^(1/4) = 75.984; uncased 100.
        List<String> hyp = List.of("The cat sat on the mat");
        List<String> ref = List.of("the cat sat on the mat");
        assertEquals(75.984, round3(Bleu.corpus(hyp, ref, false).score()));
        assertEquals(100, Bleu.corpus(hyp, ref, true).score(), EPS);
    }

    @Test
    void bothSidesAreTokenizedWith13a() {
        // punctuation split off, numbers kept whole, entities unescaped, trailing whitespace dropped
        assertEquals(100, Bleu.corpus(List.of("It costs $3.50, or 1,000.5 rubles."),
                List.of("It costs $ 3.50 , or 1,000.5 rubles . \n"), false).score(), EPS);
        assertEquals(100, Bleu.corpus(List.of("&quot;yes&quot; &amp; no"), List.of("\"yes\" & no"), false).score(), EPS);
    }

    @Test
    void badInputFailsWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of("a", "b"), false))
                .getMessage().contains("1 hypotheses for 2 references"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(Arrays.asList("a", null), List.of("a", "b"), false))
                .getMessage().contains("hypothesis at index 1 is null"));
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
