package org.stagedml.dataset.bert.internal;

import org.stagedml.api.ConfigException;

/**
 * The knobs of create_pretraining_data.py, as the stage's fields give them.
 *
 * @param maxSeqLength tokens per example, [CLS] and both [SEP]s included (at least 5)
 * @param maxPredictionsPerSeq masked positions per example at most
 * @param maskedLmProb the fraction of an example's tokens to mask (before the cap)
 * @param shortSeqProb how often an example aims at a random shorter length
 * @param wholeWordMask whether the ## pieces of a word are masked with it
 * @param dupeFactor how many times the train documents are turned into examples, with other masks
 */
record PretrainSettings(int maxSeqLength, int maxPredictionsPerSeq, double maskedLmProb, double shortSeqProb,
        boolean wholeWordMask, int dupeFactor) {
    PretrainSettings {
        if (maxSeqLength < 5) {
            // max_num_tokens = max_seq_length - 3 must allow the reference's randint(2, max_num_tokens)
            throw new ConfigException("max_seq_length must be at least 5 ([CLS] A [SEP] B [SEP] with room to cut), got " + maxSeqLength);
        }
        if (maxPredictionsPerSeq < 1) {
            throw new ConfigException("max_predictions_per_seq must be at least 1, got " + maxPredictionsPerSeq);
        }
        if (!(maskedLmProb > 0 && maskedLmProb <= 1)) {
            throw new ConfigException("masked_lm_prob must be in (0, 1], got " + maskedLmProb);
        }
        if (!(shortSeqProb >= 0 && shortSeqProb <= 1)) {
            throw new ConfigException("short_seq_prob must be in [0, 1], got " + shortSeqProb);
        }
        if (dupeFactor < 1) {
            throw new ConfigException("dupe_factor must be at least 1, got " + dupeFactor);
        }
    }

    /** Room for A and B: max_seq_length less [CLS], [SEP], [SEP]. */
    int maxNumTokens() {
        return maxSeqLength - 3;
    }
}
