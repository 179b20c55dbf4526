package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stagedml.model.transformer.internal.BeamSearchTest.probs;
import static org.stagedml.model.transformer.internal.BeamSearchTest.table;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GreedySearchTest {
    private static final int EOS = 1;

    @Test
    void takesTheMostProbableTokenAtEachStepUntilEos() {
        NextTokenScorer model = table(Map.of(
                "", probs(0.1, 0.2, 0.3, 0.4),
                "3", probs(0.1, 0.2, 0.6, 0.1),
                "3 2", probs(0.1, 0.5, 0.2, 0.2)));
        assertArrayEquals(new int[] {3, 2}, new GreedySearch(10, EOS).decode(model));
    }

    @Test
    void aTieGoesToTheLowestId() {
        NextTokenScorer model = table(Map.of("", probs(0.1, 0.1, 0.4, 0.4), "2", probs(0.1, 0.9, 0, 0)));
        assertArrayEquals(new int[] {2}, new GreedySearch(10, EOS).decode(model));
    }

    @Test
    void stopsAfterMaxLengthStepsWithoutEos() {
        NextTokenScorer model = prefixes -> new float[][] {probs(0.1, 0.1, 0.8)};
        assertArrayEquals(new int[] {2, 2, 2}, new GreedySearch(3, EOS).decode(model));
        // maxLength counts the EOS: with 3 steps allowed an EOS at the third leaves 2 tokens
        NextTokenScorer eosThird = prefixes -> new float[][] {prefixes[0].length == 2 ? probs(0.1, 0.8, 0.1) : probs(0.1, 0.1, 0.8)};
        assertArrayEquals(new int[] {2, 2}, new GreedySearch(3, EOS).decode(eosThird));
    }

    @Test
    void scoresOnePrefixPerStep() {
        BeamSearchToyModel model = new BeamSearchToyModel(5, EOS, 11, 1.0, 0);
        int[] out = new GreedySearch(20, EOS).decode(model);
        assertEquals(out.length < 20 ? out.length + 1 : 20, model.calls.size());
        for (int step = 0; step < model.calls.size(); step++) {
            assertEquals(1, model.calls.get(step).length);
            assertEquals(step, model.calls.get(step)[0].length);
        }
    }
}
