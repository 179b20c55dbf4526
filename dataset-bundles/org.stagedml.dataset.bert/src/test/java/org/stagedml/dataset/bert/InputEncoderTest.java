package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputEncoderTest {
    // ids:                                    0        1        2        3        4     5      6      7    8     9
    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "sat", "a", "dog", "##s");
    private final FullTokenizer tokenizer = new FullTokenizer(Vocabulary.of(VOCAB), true);

    @Test
    void singleSentenceIsClsTextSepPadded() {
        InputFeatures f = new InputEncoder(tokenizer, 8).encode("The cat sat", null, 1, true);
        assertArrayEquals(new int[] {2, 4, 5, 6, 3, 0, 0, 0}, f.inputIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0}, f.inputMask());
        assertArrayEquals(new int[8], f.segmentIds());
        assertEquals(1, f.labelId());
        // an empty second text counts as none, as `if example.text_b:` does
        assertEquals(f, new InputEncoder(tokenizer, 8).encode("The cat sat", "", 1, true));
    }

    @Test
    void pairGetsSegmentOneForTheSecondTextAndItsSep() {
        InputFeatures f = new InputEncoder(tokenizer, 10).encode("the cat", "dogs", 0, true);
        assertArrayEquals(new int[] {2, 4, 5, 3, 8, 9, 3, 0, 0, 0}, f.inputIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 0, 0, 0}, f.segmentIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, f.inputMask());
    }

    @Test
    void truncationFollowsTruncateSeqPair() {
        List<String> a = new ArrayList<>(List.of("a1", "a2", "a3", "a4", "a5"));
        List<String> b = new ArrayList<>(List.of("b1", "b2"));
        InputEncoder.truncateSeqPair(a, b, 4);
        assertEquals(List.of("a1", "a2"), a);
        assertEquals(List.of("b1", "b2"), b);
        // ties pop from b
        a = new ArrayList<>(List.of("a1", "a2"));
        b = new ArrayList<>(List.of("b1", "b2"));
        InputEncoder.truncateSeqPair(a, b, 3);
        assertEquals(List.of("a1", "a2"), a);
        assertEquals(List.of("b1"), b);

        InputFeatures f = new InputEncoder(tokenizer, 6).encode("the cat sat the cat", "a dog", 0, true);
        // 6 - 3 = 3 word pieces: a keeps 2 (cut from 5), b keeps 1 (tie: b pops)
        assertArrayEquals(new int[] {2, 4, 5, 3, 7, 3}, f.inputIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, f.segmentIds());
        InputFeatures single = new InputEncoder(tokenizer, 4).encode("the cat sat the", null, 0, true);
        assertArrayEquals(new int[] {2, 4, 5, 3}, single.inputIds());
    }

    @Test
    void examplesRoundTripForClassificationAndRegression() {
        InputFeatures c = new InputEncoder(tokenizer, 8).encode("the cat", "a dog", 2, true);
        assertEquals(c, InputFeatures.fromExample(c.toExample(false)));
        InputFeatures r = new InputFeatures(new int[] {2, 3}, new int[] {1, 1}, new int[] {0, 0}, 3.25, false);
        InputFeatures back = InputFeatures.fromExample(r.toExample(true));
        assertEquals(r, back);
        assertEquals(3.25, back.label());
        assertThrows(IllegalArgumentException.class, () -> InputFeatures.fromExample(new byte[] {(byte) 0xff, 1}));
        assertThrows(IllegalArgumentException.class, () -> new InputEncoder(tokenizer, 2));
    }
}
