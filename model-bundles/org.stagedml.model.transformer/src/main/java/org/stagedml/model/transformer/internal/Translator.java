package org.stagedml.model.transformer.internal;

/**
 * Decodes sources with a trained model: the encoder runs once per sentence, then the beam search
 * ({@link BeamSearch}, length penalty alpha) or, for beam size 1, the greedy search asks the model
 * for the next token after each prefix (the decoder runs one position per step over cached keys and
 * values, {@link TransformerModel.EncodedSource#cached}). Outputs are at most {@code source length + 50} subtokens (the
 * reference's extra_decode_length) and never longer than max_length.
 */
final class Translator {
    /** official/transformer's extra_decode_length. */
    static final int EXTRA_DECODE_LENGTH = 50;

    private final TransformerModel model;
    private final int beamSize;
    private final double alpha;
    private final int maxLength;

    Translator(TransformerModel model, int beamSize, double alpha, int maxLength) {
        this.model = model;
        this.beamSize = beamSize;
        this.alpha = alpha;
        this.maxLength = maxLength;
    }

    /** The translation's ids, EOS stripped, of a source's ids (ending with EOS). */
    int[] translate(int[] source) {
        TransformerModel.EncodedSource encoded = model.encode(source);
        NextTokenScorer scorer = encoded.cached();
        int limit = Math.min(maxLength, source.length + EXTRA_DECODE_LENGTH);
        return beamSize == 1 ? new GreedySearch(limit, TransformerVocab.EOS_ID).decode(scorer)
                : new BeamSearch(beamSize, alpha, limit, TransformerVocab.EOS_ID).decode(scorer);
    }
}
