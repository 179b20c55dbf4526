package org.stagedml.model.transformer.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Batches by tokens as official/transformer's data pipeline (_batch_examples): a pair's length is
 * that of its longer side; lengths fall into buckets whose bounds grow by 10% from 8 up to
 * max_length, and a batch of bucket b holds at most {@code batch_tokens / (b's upper bound)} pairs,
 * so every batch has about the same number of tokens and little padding. Pairs longer than
 * max_length are left out. Batches are formed once, in the corpus's order within each bucket; the
 * training loop shuffles the batches each epoch.
 */
final class TokenBatches {
    private TokenBatches() {
    }

    /** The batches, as lists of pair indices, and how many pairs were too long. */
    record Result(List<int[]> batches, int leftOut) {
    }

    static Result of(List<int[][]> pairs, int batchTokens, int maxLength) {
        List<Integer> bounds = boundaries(maxLength);
        List<List<Integer>> open = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            open.add(new ArrayList<>());
        }
        List<int[]> batches = new ArrayList<>();
        int leftOut = 0;
        for (int i = 0; i < pairs.size(); i++) {
            int len = Math.max(pairs.get(i)[0].length, pairs.get(i)[1].length);
            if (len > maxLength) {
                leftOut++;
                continue;
            }
            int b = 0;
            while (len > bounds.get(b)) {
                b++;
            }
            List<Integer> bucket = open.get(b);
            bucket.add(i);
            if (bucket.size() >= Math.max(1, batchTokens / bounds.get(b))) {
                batches.add(bucket.stream().mapToInt(Integer::intValue).toArray());
                bucket.clear();
            }
        }
        for (List<Integer> bucket : open) {
            if (!bucket.isEmpty()) {
                batches.add(bucket.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new Result(batches, leftOut);
    }

    /** Upper bounds of the buckets: 8, then x * 1.1 (at least x + 1) while below maxLength, then maxLength. */
    static List<Integer> boundaries(int maxLength) {
        List<Integer> bounds = new ArrayList<>();
        int x = 8;
        while (x < maxLength) {
            bounds.add(x);
            x = Math.max(x + 1, (int) (x * 1.1));
        }
        bounds.add(maxLength);
        return bounds;
    }
}
