package org.stagedml.dataset.bert.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * create_masked_lm_predictions of create_pretraining_data.py, on ids: every token but [CLS] and [SEP]
 * is a candidate (with whole-word masking a {@code ##} piece joins the candidate before it, so a word
 * is masked with all its pieces); the candidates are shuffled and taken until
 * {@code min(max_predictions_per_seq, max(1, round(len(tokens) * masked_lm_prob)))} positions are
 * masked (a whole word that would pass that count is skipped); each masked position becomes [MASK]
 * with probability 0.8, else keeps its token or takes a random vocabulary word, half and half.
 */
final class MaskedLm {
    /** The masked tokens, and the masked positions (ascending) with their original ids. */
    record Masked(int[] tokens, int[] positions, int[] labels) {
    }

    private final PretrainSettings settings;
    private final PretrainVocab vocab;

    MaskedLm(PretrainSettings settings, PretrainVocab vocab) {
        this.settings = settings;
        this.vocab = vocab;
    }

    Masked mask(int[] tokens, PretrainRandom rng) {
        List<int[]> candidates = new ArrayList<>();
        List<Integer> word = null;
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i];
            if (t == vocab.cls() || t == vocab.sep()) {
                continue;
            }
            // as the reference: a ## piece joins the last candidate, even one before a [SEP]
            if (settings.wholeWordMask() && !groups.isEmpty() && isContinuation(t)) {
                word.add(i);
            } else {
                word = new ArrayList<>(2);
                word.add(i);
                groups.add(word);
            }
        }
        for (List<Integer> g : groups) {
            candidates.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        rng.shuffle(candidates);

        int[] output = tokens.clone();
        // Python's round() rounds half to even, as Math.rint does
        int numToPredict = Math.min(settings.maxPredictionsPerSeq(),
                Math.max(1, (int) Math.rint(tokens.length * settings.maskedLmProb())));
        int[] masked = new int[numToPredict];
        int count = 0;
        Set<Integer> covered = new HashSet<>();
        for (int[] indexSet : candidates) {
            if (count >= numToPredict) {
                break;
            }
            if (count + indexSet.length > numToPredict) {
                continue; // a whole word that would pass the count is skipped
            }
            boolean anyCovered = false;
            for (int index : indexSet) {
                anyCovered |= covered.contains(index);
            }
            if (anyCovered) {
                continue;
            }
            for (int index : indexSet) {
                covered.add(index);
                int maskedToken;
                if (rng.random() < 0.8) {
                    maskedToken = vocab.mask();
                } else if (rng.random() < 0.5) {
                    maskedToken = tokens[index];
                } else {
                    maskedToken = vocab.words()[rng.randint(0, vocab.words().length - 1)];
                }
                output[index] = maskedToken;
                masked[count++] = index;
            }
        }
        int[] positions = Arrays.copyOf(masked, count);
        Arrays.sort(positions);
        int[] labels = new int[count];
        for (int k = 0; k < count; k++) {
            labels[k] = tokens[positions[k]];
        }
        return new Masked(output, positions, labels);
    }

    private boolean isContinuation(int id) {
        return id >= 0 && id < vocab.continuation().length && vocab.continuation()[id];
    }
}
