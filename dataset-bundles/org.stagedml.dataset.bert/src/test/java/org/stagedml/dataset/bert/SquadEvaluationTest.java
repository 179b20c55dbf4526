package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases worked out by hand from evaluate-v1.1.py's code. */
class SquadEvaluationTest {
    @Test
    void normalizationLowersDropsPunctuationArticlesAndExtraSpace() {
        assertEquals("denver broncos", SquadEvaluation.normalizeAnswer("The Denver Broncos!"));
        // punctuation goes before the articles: "an," loses its comma and then is an article
        assertEquals("cat apple and end", SquadEvaluation.normalizeAnswer("  A  cat,  an, apple and THE end. "));
        assertEquals("us", SquadEvaluation.normalizeAnswer("U.S."));
        assertEquals("19601970", SquadEvaluation.normalizeAnswer("(1960-1970)"));
        // articles only as whole words; Python 3's \b counts letters like é as word characters
        assertEquals("theatre", SquadEvaluation.normalizeAnswer("Theatre"));
        assertEquals("\u00e9the", SquadEvaluation.normalizeAnswer("\u00e9the"));
        // string.punctuation is ASCII: other punctuation stays
        assertEquals("\u00abcaf\u00e9\u00bb", SquadEvaluation.normalizeAnswer("\u00abCaf\u00e9\u00bb"));
        // split() without arguments: tabs, newlines and no-break spaces are whitespace too
        assertEquals("a1 b2", SquadEvaluation.normalizeAnswer("a1\t\n b2\u00a0"));
    }

    @Test
    void exactMatchAndF1OfOneAnswer() {
        assertTrue(SquadEvaluation.exactMatch("the Denver Broncos", "Denver Broncos."));
        assertFalse(SquadEvaluation.exactMatch("Denver Broncos won", "Denver Broncos"));
        // precision 2/3, recall 1
        assertEquals(0.8, SquadEvaluation.f1("the Denver Broncos won", "Denver Broncos"), 1e-12);
        // a bag of words: x x y against x y y shares one x and one y
        assertEquals(2.0 / 3, SquadEvaluation.f1("x x y", "x y y"), 1e-12);
        assertEquals(0, SquadEvaluation.f1("", "Denver"), 0);
        // both normalize to "": an exact match, but F1 has no common word and is 0
        assertTrue(SquadEvaluation.exactMatch("the", "a"));
        assertEquals(0, SquadEvaluation.f1("the", "a"), 0);
    }

    @Test
    void theBestGroundTruthCounts() {
        List<String> truths = List.of("Denver Broncos", "Broncos", "the Broncos of Denver");
        assertEquals(1, SquadEvaluation.maxExactMatch("broncos", truths), 0);
        assertEquals(1, SquadEvaluation.maxF1("broncos", truths), 0);
        assertEquals(0, SquadEvaluation.maxExactMatch("Denver", truths), 0);
        // "Denver" against "Denver Broncos": P 1, R 1/2, F1 2/3; against "Broncos of Denver": R 1/3, F1 1/2
        assertEquals(2.0 / 3, SquadEvaluation.maxF1("Denver", truths), 1e-12);
    }

    @Test
    void totalsArePercentagesOverAllQuestionsUnansweredScoringZero() {
        Map<String, List<String>> truths = new LinkedHashMap<>();
        truths.put("q1", List.of("Denver Broncos", "Broncos"));
        truths.put("q2", List.of("Denver Broncos"));
        truths.put("q3", List.of("1999"));
        Map<String, String> predictions = Map.of("q1", "broncos", "q2", "Denver Broncos won", "extra", "ignored");
        SquadEvaluation.Scores s = SquadEvaluation.evaluate(truths, predictions);
        assertEquals(100.0 / 3, s.exactMatch(), 1e-9);
        assertEquals(100.0 * 1.8 / 3, s.f1(), 1e-9);
        assertEquals(3, s.total());
        assertEquals(1, s.unanswered());
        assertEquals(Map.of("exact_match", s.exactMatch(), "f1", s.f1()), s.asMap());
    }
}
