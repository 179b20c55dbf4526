package org.stagedml.model.textcnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void tokenizesWordsAndPunctuation() {
        assertEquals(List.of("it", "'", "s", "a", "fine", ",", "fine", "film", "!"), Vocabulary.tokenize("It's a FINE, fine film!"));
    }

    @Test
    void keepsTheMostFrequentTokensDeterministically() {
        Vocabulary v = Vocabulary.build(List.of("b a a", "c b a"), 5);
        assertEquals(5, v.size());
        assertEquals(3, v.id("a"));
        assertEquals(4, v.id("b"));
        assertEquals(Vocabulary.UNK, v.id("c"));
    }

    @Test
    void encodesPairsWithASeparatorAndPadding() {
        Vocabulary v = Vocabulary.build(List.of("x y z"), 10);
        int x = v.id("x");
        int y = v.id("y");
        int z = v.id("z");
        assertArrayEquals(new int[] {x, y, 0, 0}, v.encode("x y", null, 4));
        assertArrayEquals(new int[] {x, Vocabulary.SEP, z, 0, 0}, v.encode("x", "z", 5));
        // a long first sentence leaves room for the second
        assertArrayEquals(new int[] {x, y, Vocabulary.SEP, z, z}, v.encode("x y x y x y", "z z z z", 5));
    }
}
