package org.stagedml.model.transformer.internal;

/** Ids the model gives a meaning: 0 pads (and starts the decoder input), 1 ends a sentence (as the subword vocabulary). */
final class TransformerVocab {
    static final int PAD_ID = 0;
    static final int EOS_ID = 1;

    private TransformerVocab() {
    }
}
