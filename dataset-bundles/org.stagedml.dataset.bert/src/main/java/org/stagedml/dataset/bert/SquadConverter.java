package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQuAD questions to BERT windows, as {@code run_squad.convert_examples_to_features}: the query cut
 * to {@code maxQueryLength} word pieces; the context's words tokenized with the map from each piece
 * back to its word; windows of at most {@code maxSeqLength - query - 3} pieces, each starting
 * {@code docStride} pieces after the last; for training the answer's pieces (narrowed by
 * {@code _improve_answer_span} to the pieces that spell the tokenized answer), pointing at [CLS]
 * in windows that do not hold the whole answer. Thread-safe.
 */
public final class SquadConverter {
    /** run_squad.py's first unique id. */
    public static final long FIRST_UNIQUE_ID = 1_000_000_000L;

    private final FullTokenizer tokenizer;
    private final int maxSeqLength;
    private final int docStride;
    private final int maxQueryLength;

    public SquadConverter(FullTokenizer tokenizer, int maxSeqLength, int docStride, int maxQueryLength) {
        if (maxQueryLength < 1 || docStride < 1) {
            throw new IllegalArgumentException("doc_stride and max_query_length must be at least 1, got " + docStride + " and "
                    + maxQueryLength);
        }
        if (maxSeqLength < 5) {
            throw new IllegalArgumentException("max_seq_length must be at least 5 ([CLS] question [SEP] context [SEP]), got " + maxSeqLength);
        }
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
        this.docStride = docStride;
        this.maxQueryLength = maxQueryLength;
    }

    public FullTokenizer tokenizer() {
        return tokenizer;
    }

    /** A window of the context's pieces. */
    record DocSpan(int start, int length) {
        int end() {
            return start + length - 1;
        }
    }

    /**
     * The windows of one question, unique ids from {@code firstUniqueId}; {@code training} sets the
     * answer positions (the example must have {@link SquadExample#hasAnswerSpan()}).
     */
    public List<SquadFeature> convert(SquadExample example, int exampleIndex, long firstUniqueId, boolean training) {
        if (training && !example.hasAnswerSpan()) {
            throw new IllegalArgumentException("question " + example.id() + " has no answer span in its context to train on");
        }
        List<String> query = tokenizer.tokenize(example.question());
        if (query.size() > maxQueryLength) {
            query = query.subList(0, maxQueryLength);
        }
        List<Integer> tokToOrig = new ArrayList<>();
        int[] origToTok = new int[example.docTokens().size()];
        List<String> docPieces = new ArrayList<>();
        for (int i = 0; i < origToTok.length; i++) {
            origToTok[i] = docPieces.size();
            for (String piece : tokenizer.tokenize(example.docTokens().get(i))) {
                tokToOrig.add(i);
                docPieces.add(piece);
            }
        }
        int tokStart = -1;
        int tokEnd = -1;
        if (training) {
            tokStart = origToTok[example.startWord()];
            tokEnd = example.endWord() < origToTok.length - 1 ? origToTok[example.endWord() + 1] - 1 : docPieces.size() - 1;
            int[] better = improveAnswerSpan(docPieces, tokStart, tokEnd, example.answerText());
            tokStart = better[0];
            tokEnd = better[1];
        }
        int maxTokensForDoc = maxSeqLength - query.size() - 3;
        if (maxTokensForDoc < 1) {
            throw new IllegalArgumentException("question " + example.id() + ": max_seq_length " + maxSeqLength + " leaves no room for"
                    + " the context after its " + query.size() + " query pieces and [CLS], [SEP], [SEP]; raise it or lower max_query_length");
        }
        List<DocSpan> spans = docSpans(docPieces.size(), maxTokensForDoc, docStride);
        List<SquadFeature> out = new ArrayList<>();
        for (int s = 0; s < spans.size(); s++) {
            DocSpan span = spans.get(s);
            List<String> tokens = new ArrayList<>();
            int n = query.size() + span.length() + 3;
            int[] map = new int[n];
            boolean[] max = new boolean[n];
            Arrays.fill(map, -1);
            int[] segments = new int[maxSeqLength];
            tokens.add("[CLS]");
            tokens.addAll(query);
            tokens.add("[SEP]");
            for (int i = 0; i < span.length(); i++) {
                int piece = span.start() + i;
                map[tokens.size()] = tokToOrig.get(piece);
                max[tokens.size()] = isMaxContext(spans, s, piece);
                segments[tokens.size()] = 1;
                tokens.add(docPieces.get(piece));
            }
            segments[tokens.size()] = 1;
            tokens.add("[SEP]");
            int[] ids = Arrays.copyOf(tokenizer.convertTokensToIds(tokens), maxSeqLength);
            int[] mask = new int[maxSeqLength];
            Arrays.fill(mask, 0, tokens.size(), 1);
            int start = 0;
            int end = 0;
            if (training && tokStart >= span.start() && tokEnd <= span.end()) {
                int offset = query.size() + 2;
                start = tokStart - span.start() + offset;
                end = tokEnd - span.start() + offset;
            }
            out.add(new SquadFeature(firstUniqueId + s, exampleIndex, s, tokens, map, max, ids, mask, segments, start, end));
        }
        return out;
    }

    /** The windows over {@code n} pieces: at most {@code maxTokens} each, starting {@code stride} apart, the last reaching the end. */
    static List<DocSpan> docSpans(int n, int maxTokens, int stride) {
        List<DocSpan> spans = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int length = Math.min(n - start, maxTokens);
            spans.add(new DocSpan(start, length));
            if (start + length == n) {
                break;
            }
            start += Math.min(length, stride);
        }
        return spans;
    }

    /**
     * {@code _check_is_max_context}: whether window {@code current} is the one where the piece at
     * {@code position} has the most context, min(left, right) + 0.01 * window length, first window on ties.
     */
    static boolean isMaxContext(List<DocSpan> spans, int current, int position) {
        double bestScore = Double.NEGATIVE_INFINITY;
        int best = -1;
        for (int i = 0; i < spans.size(); i++) {
            DocSpan span = spans.get(i);
            if (position < span.start() || position > span.end()) {
                continue;
            }
            double score = Math.min(position - span.start(), span.end() - position) + 0.01 * span.length();
            if (best < 0 || score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return current == best;
    }

    /**
     * {@code _improve_answer_span}: the narrowest pieces inside [start, end] that, joined with spaces,
     * are the tokenized answer (e.g. "1895" inside "(1895-1943)."); the given span when none is.
     */
    int[] improveAnswerSpan(List<String> docPieces, int start, int end, String answer) {
        String tokAnswer = String.join(" ", tokenizer.tokenize(answer));
        for (int newStart = start; newStart <= end; newStart++) {
            for (int newEnd = end; newEnd >= newStart; newEnd--) {
                if (String.join(" ", docPieces.subList(newStart, newEnd + 1)).equals(tokAnswer)) {
                    return new int[] {newStart, newEnd};
                }
            }
        }
        return new int[] {start, end};
    }
}
