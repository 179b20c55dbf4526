package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {
    @Test
    void bucketsGrowByTenPercentFromEightToMaxLength() {
        assertEquals(List.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 30, 33, 36, 39, 42, 46, 50),
                TokenBatches.boundaries(50));
        assertEquals(List.of(5), TokenBatches.boundaries(5));
    }

    @Test
    void batchesHoldAboutBatchTokensAndLeaveOutLongPairs() {
        List<int[][]> pairs = new ArrayList<>();
        int[] lengths = {3, 30, 8, 31, 4, 60, 29, 7};
        for (int len : lengths) {
            pairs.add(new int[][] {new int[len], new int[Math.max(1, len - 2)]});
        }
        TokenBatches.Result r = TokenBatches.of(pairs, 66, 50);
        assertEquals(1, r.leftOut(), "the pair of 60 tokens");
        // lengths up to 8 share the first bucket (66 / 8 = 8 pairs a batch); 29, 30 and 31 fall into bucket
        // 30 (2 a batch) and 33 (2 a batch)
        Set<Integer> seen = new HashSet<>();
        for (int[] b : r.batches()) {
            int longest = 0;
            for (int i : b) {
                assertTrue(seen.add(i), "pair " + i + " in two batches");
                longest = Math.max(longest, lengths[i]);
            }
            assertTrue(b.length * longest <= 66 + longest, "batch " + java.util.Arrays.toString(b));
        }
        assertEquals(7, seen.size());
        assertArrayEquals(new int[] {0, 2, 4, 7}, r.batches().stream().filter(b -> b[0] == 0).findFirst().orElseThrow());
    }

    @Test
    void noamRisesLinearlyThenFallsAsTheInverseSquareRoot() {
        NoamSchedule s = new NoamSchedule(2.0, 512, 16000);
        double peak = 2.0 / Math.sqrt(512) / Math.sqrt(16000);
        assertEquals(peak, s.at(16000), 1e-12);
        assertEquals(peak / 2, s.at(8000), 1e-12);
        assertEquals(peak / 2, s.at(64000), 1e-12);
    }

    @Test
    void batchesShiftTheTargetRightForTeacherForcing() {
        PairBatch b = PairBatch.of(List.of(new int[][] {{5, 6, 1}, {7, 8, 9, 1}}, new int[][] {{4, 1}, {3, 1}}));
        assertEquals(3, b.sourceLength());
        assertEquals(4, b.targetLength());
        assertArrayEquals(new int[] {5, 6, 1, 4, 1, 0}, b.source());
        assertArrayEquals(new int[] {7, 8, 9, 1, 3, 1, 0, 0}, b.target());
        assertArrayEquals(new int[] {0, 7, 8, 9, 0, 3, 1, 0}, b.decoderInput());
        assertEquals(6, b.tokens());
    }
}
