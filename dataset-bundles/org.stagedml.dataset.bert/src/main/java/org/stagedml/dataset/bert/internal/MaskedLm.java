package org.stagedml.dataset.bert.internal;

import java.util.Arrays;

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
        // the candidates in order, and the groups (words) as ranges of them: group g is
        // members[first[g]] .. members[first[g + 1] - 1]; a ## piece joins the last group, as the
        // reference appends it to cand_indexes[-1], even across a [SEP]
        int[] members = new int[tokens.length];
        int[] first = new int[tokens.length + 1];
        int count = 0;
        int groups = 0;
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i];
            if (t == vocab.cls() || t == vocab.sep()) {
                continue;
            }
            if (!(settings.wholeWordMask() && groups > 0 && isContinuation(t))) {
                first[groups++] = count;
            }
            members[count++] = i;
        }
        first[groups] = count;
        int[] order = new int[groups];
        for (int g = 0; g < groups; g++) {
            order[g] = g;
        }
        rng.shuffle(order); // the draws of Python's shuffle of the candidate list

        int[] output = tokens.clone();
        // Python's round() rounds half to even, as Math.rint does
        int numToPredict = Math.min(settings.maxPredictionsPerSeq(),
                Math.max(1, (int) Math.rint(tokens.length * settings.maskedLmProb())));
        int[] masked = new int[numToPredict];
        int predicted = 0;
        boolean[] covered = new boolean[tokens.length];
        for (int g : order) {
            if (predicted >= numToPredict) {
                break;
            }
            int from = first[g];
            int to = first[g + 1];
            if (predicted + to - from > numToPredict) {
                continue; // a whole word that would pass the count is skipped
            }
            boolean anyCovered = false;
            for (int m = from; m < to; m++) {
                anyCovered |= covered[members[m]];
            }
            if (anyCovered) {
                continue;
            }
            for (int m = from; m < to; m++) {
                int index = members[m];
                covered[index] = true;
                int maskedToken;
                if (rng.random() < 0.8) {
                    maskedToken = vocab.mask();
                } else if (rng.random() < 0.5) {
                    maskedToken = tokens[index];
                } else {
                    maskedToken = vocab.words()[rng.randint(0, vocab.words().length - 1)];
                }
                output[index] = maskedToken;
                masked[predicted++] = index;
            }
        }
        int[] positions = Arrays.copyOf(masked, predicted);
        Arrays.sort(positions);
        int[] labels = new int[predicted];
        for (int k = 0; k < predicted; k++) {
            labels[k] = tokens[positions[k]];
        }
        return new Masked(output, positions, labels);
    }

    private boolean isContinuation(int id) {
        return id >= 0 && id < vocab.continuation().length && vocab.continuation()[id];
    }
}
