package org.stagedml.dataset.bert.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.stagedml.dataset.bert.PretrainingExample;

/**
 * create_instances_from_document and truncate_seq_pair of create_pretraining_data.py, on ids: a
 * document's sentences are gathered into chunks of about {@code target_seq_length} tokens (the full
 * {@code max_seq_length - 3}, or with probability short_seq_prob a random length from 2); a chunk is
 * cut at a random sentence into A and B; with probability 0.5 (always when the chunk is one
 * sentence) B is instead taken from a random other document, from a random sentence on, and the
 * chunk's sentences not used for A are put back for the next chunk. The pair is cut to fit by dropping
 * tokens from the front or the back of the longer side, then masked ({@link MaskedLm}).
 */
final class InstanceMaker {
    /**
     * One example before padding: {@code [CLS] A [SEP] B [SEP]} as ids (masked), segment ids, the
     * masked positions with the original ids there, and whether B is a random next segment.
     */
    record Instance(int[] tokens, int[] segmentIds, int[] positions, int[] labels, boolean randomNext) {
        PretrainingExample example(PretrainSettings s) {
            return PretrainingExample.padded(tokens, segmentIds, positions, labels, randomNext, s.maxSeqLength(),
                    s.maxPredictionsPerSeq());
        }
    }

    private final PretrainSettings settings;
    private final PretrainVocab vocab;
    private final MaskedLm masker;

    InstanceMaker(PretrainSettings settings, PretrainVocab vocab) {
        this.settings = settings;
        this.vocab = vocab;
        this.masker = new MaskedLm(settings, vocab);
    }

    /**
     * The instances of document {@code documentIndex} of {@code count} documents ({@code documents}
     * gives each by index: the split's own, so random next segments stay in the split).
     */
    List<Instance> fromDocument(IntFunction<List<int[]>> documents, int count, int documentIndex, PretrainRandom rng) {
        List<int[]> document = documents.apply(documentIndex);
        int maxNumTokens = settings.maxNumTokens();
        int targetSeqLength = maxNumTokens;
        if (rng.random() < settings.shortSeqProb()) {
            targetSeqLength = rng.randint(2, maxNumTokens);
        }
        List<Instance> instances = new ArrayList<>();
        List<int[]> chunk = new ArrayList<>();
        int currentLength = 0;
        int i = 0;
        while (i < document.size()) {
            int[] segment = document.get(i);
            chunk.add(segment);
            currentLength += segment.length;
            if (i == document.size() - 1 || currentLength >= targetSeqLength) {
                if (!chunk.isEmpty()) {
                    int aEnd = 1;
                    if (chunk.size() >= 2) {
                        aEnd = rng.randint(1, chunk.size() - 1);
                    }
                    IntList a = new IntList();
                    for (int j = 0; j < aEnd; j++) {
                        a.addAll(chunk.get(j));
                    }
                    IntList b = new IntList();
                    boolean randomNext;
                    if (chunk.size() == 1 || rng.random() < 0.5) {
                        randomNext = true;
                        int targetBLength = targetSeqLength - a.size();
                        // rarely more than one try in a large corpus: avoid taking B from this document
                        int randomDocumentIndex = 0;
                        for (int t = 0; t < 10; t++) {
                            randomDocumentIndex = rng.randint(0, count - 1);
                            if (randomDocumentIndex != documentIndex) {
                                break;
                            }
                        }
                        List<int[]> randomDocument = documents.apply(randomDocumentIndex);
                        int randomStart = rng.randint(0, randomDocument.size() - 1);
                        for (int j = randomStart; j < randomDocument.size(); j++) {
                            b.addAll(randomDocument.get(j));
                            if (b.size() >= targetBLength) {
                                break;
                            }
                        }
                        // the chunk's sentences after A were not used: put them back
                        i -= chunk.size() - aEnd;
                    } else {
                        randomNext = false;
                        for (int j = aEnd; j < chunk.size(); j++) {
                            b.addAll(chunk.get(j));
                        }
                    }
                    truncateSeqPair(a, b, maxNumTokens, rng);
                    instances.add(instance(a, b, randomNext, rng));
                }
                chunk = new ArrayList<>();
                currentLength = 0;
            }
            i++;
        }
        return instances;
    }

    private Instance instance(IntList a, IntList b, boolean randomNext, PretrainRandom rng) {
        int n = a.size() + b.size() + 3;
        int[] tokens = new int[n];
        int[] segmentIds = new int[n];
        tokens[0] = vocab.cls();
        a.copyTo(tokens, 1);
        tokens[a.size() + 1] = vocab.sep();
        b.copyTo(tokens, a.size() + 2);
        tokens[n - 1] = vocab.sep();
        for (int k = a.size() + 2; k < n; k++) {
            segmentIds[k] = 1;
        }
        MaskedLm.Masked m = masker.mask(tokens, rng);
        return new Instance(m.tokens(), segmentIds, m.positions(), m.labels(), randomNext);
    }

    /** Drops tokens from the front or the back (a coin toss each) of the longer side until both fit. */
    static void truncateSeqPair(IntList a, IntList b, int maxNumTokens, PretrainRandom rng) {
        while (a.size() + b.size() > maxNumTokens) {
            IntList trunc = a.size() > b.size() ? a : b;
            if (rng.random() < 0.5) {
                trunc.removeFirst();
            } else {
                trunc.removeLast();
            }
        }
    }
}
