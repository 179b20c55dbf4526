package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run_squad.write_predictions and get_final_text on hand-made logits and texts. */
class SquadAnswersTest {
    @Test
    void finalTextProjectsThePredictionOntoTheOriginalWords() {
        // the example of run_squad.py's comment: the prediction is lower-cased and split from "'s"
        assertEquals("Steve Smith", SquadAnswers.finalText("steve smith", "Steve Smith's", true));
        assertEquals("Caf\u00e9", SquadAnswers.finalText("cafe", "Caf\u00e9.", true));
        assertEquals("(1895-1943", SquadAnswers.finalText("( 1895 - 1943", "(1895-1943).", true));
        // cased: the prediction must match the case
        assertEquals("Steve Smith's", SquadAnswers.finalText("steve smith", "Steve Smith's", false));
        // not found: the whole original text
        assertEquals("Steve Smith's", SquadAnswers.finalText("john", "Steve Smith's", true));
    }

    private static float[] logits(int n, int... indexValue) {
        float[] l = new float[n];
        for (int i = 0; i < indexValue.length; i += 2) {
            l[indexValue[i]] = indexValue[i + 1];
        }
        return l;
    }

    private static List<SquadAnswers.WindowLogits> windows() {
        SquadConverter c = new SquadConverter(SquadConverterTest.TOKENIZER, 9, 2, 64);
        List<SquadFeature> f = c.convert(SquadExample.of("q", "What?", SquadConverterTest.TEN_WORDS), 0, 1, false);
        List<SquadAnswers.WindowLogits> w = new ArrayList<>();
        // window 0 favours w3 (position 7) most, but w3 has its most context in window 1
        w.add(new SquadAnswers.WindowLogits(f.get(0), logits(9, 7, 9, 0, 3), logits(9, 7, 9)));
        // window 1: w3 (position 5) to w4 (position 6)
        w.add(new SquadAnswers.WindowLogits(f.get(1), logits(9, 5, 5, 4, 2), logits(9, 6, 5, 5, 1)));
        w.add(new SquadAnswers.WindowLogits(f.get(2), logits(9), logits(9)));
        w.add(new SquadAnswers.WindowLogits(f.get(3), logits(9), logits(9)));
        return w;
    }

    @Test
    void theBestSpanOverAllWindowsWithItsMostContext() {
        SquadExample e = SquadExample.of("q", "What?", SquadConverterTest.TEN_WORDS);
        List<SquadAnswers.Candidate> nbest = new SquadAnswers(20, 30, true).nBest(e, windows());
        assertEquals("w3 w4", nbest.get(0).text());
        assertEquals(5, nbest.get(0).startLogit(), 0);
        assertEquals(5, nbest.get(0).endLogit(), 0);
        assertEquals(20, nbest.size());
        assertEquals(nbest.size(), new HashSet<>(nbest.stream().map(SquadAnswers.Candidate::text).toList()).size());
        assertEquals(1, nbest.stream().mapToDouble(SquadAnswers.Candidate::probability).sum(), 1e-9);
        // then the spans of window 0 ending at w3 (0 + 9), in the order the reference keeps ties; w3 alone (5 + 1) after
        assertEquals(List.of("w0 w1 w2 w3", "w1 w2 w3", "w2 w3", "w3"),
                nbest.subList(1, 5).stream().map(SquadAnswers.Candidate::text).toList());
        double expected = Math.exp(10) / nbest.stream().mapToDouble(c -> Math.exp(c.startLogit() + c.endLogit())).sum();
        assertEquals(expected, nbest.get(0).probability(), 1e-9);
    }

    @Test
    void maxAnswerLengthAndNBestSizeLimit() {
        SquadExample e = SquadExample.of("q", "What?", SquadConverterTest.TEN_WORDS);
        List<SquadAnswers.Candidate> nbest = new SquadAnswers(20, 1, true).nBest(e, windows());
        assertEquals("w3", nbest.get(0).text());
        assertTrue(nbest.stream().allMatch(c -> !c.text().contains(" ")));
        // only the 2 best starts and ends of each window are tried: in window 1 that leaves w3 to w4 (too long) and w3
        assertEquals(List.of("w3"), new SquadAnswers(2, 1, true).nBest(e, windows()).stream().map(SquadAnswers.Candidate::text).toList());
    }

    @Test
    void nothingValidGivesEmpty() {
        SquadExample e = SquadExample.of("q", "What?", SquadConverterTest.TEN_WORDS);
        SquadFeature f = new SquadConverter(SquadConverterTest.TOKENIZER, 9, 2, 64).convert(e, 0, 1, false).get(0);
        // only [CLS] and query positions are among the best: nothing maps to the context
        List<SquadAnswers.Candidate> nbest = new SquadAnswers(2, 30, true)
                .nBest(e, List.of(new SquadAnswers.WindowLogits(f, logits(9, 0, 9, 1, 8), logits(9, 0, 9, 2, 8))));
        assertEquals(List.of(new SquadAnswers.Candidate("empty", 1.0, 0, 0)), nbest);
    }

    @Test
    void tiesKeepTheLowerIndexFirst() {
        assertEquals(List.of(2, 0, 1), SquadAnswers.bestIndexes(new float[] {1, 1, 3}, 3));
        assertEquals(List.of(2), SquadAnswers.bestIndexes(new float[] {1, 1, 3}, 1));
    }
}
