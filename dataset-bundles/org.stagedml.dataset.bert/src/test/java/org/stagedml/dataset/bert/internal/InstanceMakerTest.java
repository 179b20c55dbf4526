package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * create_instances_from_document and create_masked_lm_predictions on made-up documents whose ids say
 * where they come from: id {@code 1000 + 10000 * document + position} (the token's place in its
 * document), so that segments A and B can be traced back. Random replacement words are ids 0..99,
 * never a document's.
 */
class InstanceMakerTest {
    private static final int CLS = 2;
    private static final int SEP = 3;
    private static final int MASK = 4;
    private static final int DOCS = 60;

    /** Documents of 2..30 sentences of 1..25 tokens. */
    private static List<List<int[]>> documents(long seed) {
        Random r = new Random(seed);
        List<List<int[]>> docs = new ArrayList<>();
        for (int d = 0; d < DOCS; d++) {
            List<int[]> doc = new ArrayList<>();
            int pos = 0;
            int sentences = 2 + r.nextInt(29);
            for (int s = 0; s < sentences; s++) {
                int[] sentence = new int[1 + r.nextInt(25)];
                for (int k = 0; k < sentence.length; k++) {
                    sentence[k] = id(d, pos++);
                }
                doc.add(sentence);
            }
            docs.add(doc);
        }
        return docs;
    }

    private static int id(int doc, int pos) {
        return 1000 + 10000 * doc + pos;
    }

    private static int doc(int id) {
        return (id - 1000) / 10000;
    }

    /** Continuation pieces: every document token whose position is not a multiple of 3 (words of 3 pieces). */
    private static PretrainVocab vocab(boolean pieces) {
        int[] words = new int[100];
        for (int i = 0; i < words.length; i++) {
            words[i] = i;
        }
        boolean[] continuation = new boolean[id(DOCS, 0)];
        for (int i = 1000; pieces && i < continuation.length; i++) {
            continuation[i] = (i - 1000) % 10000 % 3 != 0;
        }
        return new PretrainVocab(CLS, SEP, MASK, words, continuation);
    }

    private static List<InstanceMaker.Instance> make(PretrainSettings s, boolean pieces, long seed) {
        List<List<int[]>> docs = documents(7);
        InstanceMaker maker = new InstanceMaker(s, vocab(pieces));
        PretrainRandom rng = new PretrainRandom(seed);
        List<InstanceMaker.Instance> out = new ArrayList<>();
        for (int dupe = 0; dupe < s.dupeFactor(); dupe++) {
            for (int d = 0; d < DOCS; d++) {
                out.addAll(maker.fromDocument(docs::get, DOCS, d, rng));
            }
        }
        return out;
    }

    private static PretrainSettings settings(boolean wholeWord, double shortSeqProb) {
        return new PretrainSettings(64, 10, 0.15, shortSeqProb, wholeWord, 5);
    }

    /** The tokens before masking: the labels put back. */
    private static int[] original(InstanceMaker.Instance x) {
        int[] t = x.tokens().clone();
        for (int k = 0; k < x.positions().length; k++) {
            t[x.positions()[k]] = x.labels()[k];
        }
        return t;
    }

    @Test
    void pairsAreClsASepBSepWithConsistentSegmentsAndTraceBackToTheirDocuments() {
        List<InstanceMaker.Instance> all = make(settings(false, 0.1), false, 1);
        int randomNext = 0;
        for (InstanceMaker.Instance x : all) {
            int[] t = original(x);
            int n = t.length;
            assertTrue(n <= 64 && n >= 5, "length " + n);
            assertEquals(CLS, t[0]);
            assertEquals(SEP, t[n - 1]);
            int sep = -1;
            for (int k = 1; k < n - 1; k++) {
                if (t[k] == SEP) {
                    assertEquals(-1, sep, "one [SEP] between A and B");
                    sep = k;
                }
            }
            assertTrue(sep >= 2 && sep <= n - 3, "A and B hold at least one token each");
            for (int k = 0; k < n; k++) {
                assertEquals(k <= sep ? 0 : 1, x.segmentIds()[k], "segment id at " + k);
            }
            int[] a = Arrays.copyOfRange(t, 1, sep);
            int[] b = Arrays.copyOfRange(t, sep + 1, n - 1);
            assertContiguous(a);
            assertContiguous(b);
            if (x.randomNext()) {
                randomNext++;
                assertNotEquals(doc(a[0]), doc(b[0]), "a random B comes from another document");
            } else {
                assertEquals(doc(a[0]), doc(b[0]), "an actual next B comes from A's document");
                assertTrue(b[0] > a[a.length - 1], "and after A");
            }
        }
        double share = (double) randomNext / all.size();
        // 0.5, plus the chunks of one sentence, which always take a random B
        assertTrue(share > 0.45 && share < 0.62, "random next share " + share + " of " + all.size());
        assertTrue(all.size() > 1000, "instances " + all.size());
    }

    private static void assertContiguous(int[] segment) {
        for (int k = 1; k < segment.length; k++) {
            assertEquals(segment[k - 1] + 1, segment[k], "a segment is a run of one document: " + Arrays.toString(segment));
        }
    }

    @Test
    void fifteenPercentOfTokensAreMaskedEightyTenTenNeverClsOrSep() {
        List<InstanceMaker.Instance> all = make(settings(false, 0.1), false, 2);
        long tokens = 0;
        long masked = 0;
        long asMask = 0;
        long kept = 0;
        long random = 0;
        for (InstanceMaker.Instance x : all) {
            int n = x.tokens().length;
            tokens += n;
            int expected = Math.min(10, Math.max(1, (int) Math.rint(n * 0.15)));
            assertEquals(expected, x.positions().length, "predictions of an example of " + n + " tokens");
            int[] t = original(x);
            for (int k = 0; k < x.positions().length; k++) {
                int p = x.positions()[k];
                assertTrue(k == 0 || p > x.positions()[k - 1], "positions ascend, each once");
                assertTrue(t[p] != CLS && t[p] != SEP, "[CLS] and [SEP] are never masked");
                int now = x.tokens()[p];
                if (now == MASK) {
                    asMask++;
                } else if (now == t[p]) {
                    kept++;
                } else {
                    assertTrue(now >= 0 && now < 100, "a replacement is a vocabulary word");
                    random++;
                }
            }
            masked += x.positions().length;
            for (int p = 0; p < n; p++) {
                if (Arrays.binarySearch(x.positions(), p) < 0) {
                    assertEquals(t[p], x.tokens()[p], "unmasked tokens stay");
                }
            }
        }
        double share = (double) masked / tokens;
        assertTrue(share > 0.13 && share < 0.17, "masked share " + share);
        // binomial bounds of 5 standard deviations
        assertNear(0.8, asMask, masked, "[MASK]");
        assertNear(0.1, kept, masked, "kept");
        assertNear(0.1, random, masked, "random");
    }

    private static void assertNear(double p, long count, long of, String what) {
        double sd = Math.sqrt(p * (1 - p) / of);
        double share = (double) count / of;
        assertTrue(Math.abs(share - p) < 5 * sd, what + " share " + share + " of " + of + ", expected " + p + " +- " + 5 * sd);
    }

    @Test
    void theCapLimitsPredictionsOfLongExamples() {
        PretrainSettings s = new PretrainSettings(128, 5, 0.15, 0, false, 1);
        for (InstanceMaker.Instance x : make(s, false, 3)) {
            assertEquals(Math.min(5, Math.max(1, (int) Math.rint(x.tokens().length * 0.15))), x.positions().length);
        }
    }

    @Test
    void wholeWordMaskingMasksAWordWithAllItsPieces() {
        PretrainVocab v = vocab(true);
        List<InstanceMaker.Instance> all = make(settings(true, 0.1), true, 4);
        long masked = 0;
        for (InstanceMaker.Instance x : all) {
            int[] t = original(x);
            // the candidates: every position but [CLS] and [SEP]
            List<Integer> cand = new ArrayList<>();
            for (int p = 0; p < t.length; p++) {
                if (t[p] != CLS && t[p] != SEP) {
                    cand.add(p);
                }
            }
            for (int c = 0; c < cand.size(); c++) {
                int p = cand.get(c);
                boolean isMasked = Arrays.binarySearch(x.positions(), p) >= 0;
                masked += isMasked ? 1 : 0;
                if (c > 0 && v.continuation()[t[p]]) {
                    boolean before = Arrays.binarySearch(x.positions(), cand.get(c - 1)) >= 0;
                    assertEquals(before, isMasked, "a ## piece is masked exactly when the piece before it is");
                }
            }
            assertTrue(x.positions().length <= Math.min(10, Math.max(1, (int) Math.rint(t.length * 0.15))));
        }
        assertTrue(masked > 0);
    }

    @Test
    void shortSeqProbGivesShorterExamples() {
        double full = meanLength(make(settings(false, 0), false, 5));
        double shorter = meanLength(make(settings(false, 1), false, 5));
        assertTrue(full > 50, "without short sequences most examples fill max_seq_length 64: mean " + full);
        assertTrue(shorter < full * 0.75, "with short_seq_prob 1 the mean length falls: " + shorter + " vs " + full);
    }

    private static double meanLength(List<InstanceMaker.Instance> xs) {
        return xs.stream().mapToInt(x -> x.tokens().length).average().orElseThrow();
    }

    @Test
    void theSameSeedMakesTheSameInstances() {
        List<InstanceMaker.Instance> a = make(settings(true, 0.1), true, 9);
        List<InstanceMaker.Instance> b = make(settings(true, 0.1), true, 9);
        List<InstanceMaker.Instance> c = make(settings(true, 0.1), true, 10);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
            assertArrayEquals(a.get(i).positions(), b.get(i).positions());
        }
        assertTrue(a.size() != c.size() || !Arrays.equals(a.get(0).tokens(), c.get(0).tokens()));
    }

    @Test
    void truncationCutsTheLongerSideFromEitherEnd() {
        IntList a = new IntList();
        a.addAll(new int[] {1, 2, 3, 4, 5, 6, 7, 8});
        IntList b = new IntList();
        b.addAll(new int[] {10, 11, 12});
        InstanceMaker.truncateSeqPair(a, b, 6, new PretrainRandom(1));
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        assertContiguous(a.toArray());
        assertArrayEquals(new int[] {10, 11, 12}, b.toArray());
    }
}
