package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one text or a pair of texts into BERT inputs, as {@code run_classifier.convert_single_example}:
 * {@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]} (segment ids 0 for the first part, 1 for
 * b and its [SEP]), pairs truncated like {@code _truncate_seq_pair} (drop the last token of the
 * longer text, of b on ties), zero-padded to {@code maxSeqLength}. Thread-safe.
 */
public final class InputEncoder {
    private final FullTokenizer tokenizer;
    private final int maxSeqLength;
    private final int cls;
    private final int sep;

    public InputEncoder(FullTokenizer tokenizer, int maxSeqLength) {
        if (maxSeqLength < 3) {
            throw new IllegalArgumentException("max_seq_length must be at least 3 ([CLS] a [SEP] b [SEP]), got " + maxSeqLength);
        }
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
        this.cls = tokenizer.vocabulary().id("[CLS]");
        this.sep = tokenizer.vocabulary().id("[SEP]");
    }

    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** The inputs for text a and, when b is neither null nor empty, text b. */
    public InputFeatures encode(String a, String b, double label, boolean isRealExample) {
        return encode(tokenizer.tokenize(a), b == null || b.isEmpty() ? null : tokenizer.tokenize(b), label, isRealExample);
    }

    /** As {@link #encode(String, String, double, boolean)} from word pieces; b may be null. */
    public InputFeatures encode(List<String> tokensA, List<String> tokensB, double label, boolean isRealExample) {
        List<String> a = new ArrayList<>(tokensA);
        List<String> b = tokensB == null ? null : new ArrayList<>(tokensB);
        if (b != null) {
            truncateSeqPair(a, b, maxSeqLength - 3);
        } else if (a.size() > maxSeqLength - 2) {
            a = a.subList(0, maxSeqLength - 2);
        }
        int[] ids = new int[maxSeqLength];
        int[] mask = new int[maxSeqLength];
        int[] segments = new int[maxSeqLength];
        int n = 0;
        ids[n++] = cls;
        for (int id : tokenizer.convertTokensToIds(a)) {
            ids[n++] = id;
        }
        ids[n++] = sep;
        if (b != null) {
            int start = n;
            for (int id : tokenizer.convertTokensToIds(b)) {
                ids[n++] = id;
            }
            ids[n++] = sep;
            java.util.Arrays.fill(segments, start, n, 1);
        }
        java.util.Arrays.fill(mask, 0, n, 1);
        return new InputFeatures(ids, mask, segments, label, isRealExample);
    }

    /** {@code _truncate_seq_pair}: pops the last token of the longer list (b on ties) until they fit. */
    static void truncateSeqPair(List<String> a, List<String> b, int maxLength) {
        while (a.size() + b.size() > maxLength) {
            if (a.size() > b.size()) {
                a.remove(a.size() - 1);
            } else {
                b.remove(b.size() - 1);
            }
        }
    }
}
