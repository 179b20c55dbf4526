/**
 * The {@code subword-vocab} stage ({@link org.stagedml.dataset.subword.internal.SubwordVocabStage},
 * its settings, the training text of a parallel-jsonl realization and the {@code bash} preset of
 * reserved tokens) and tensor2tensor's SubwordTextEncoder in plain classes: the invertible
 * tokenizer ({@link org.stagedml.dataset.subword.internal.TextTokens}), the token escapes
 * ({@link org.stagedml.dataset.subword.internal.TokenEscaper}), a vocabulary and its greedy encoding
 * ({@link org.stagedml.dataset.subword.internal.SubtokenVocab}, over a
 * {@link org.stagedml.dataset.subword.internal.SubtokenTrie}), the building to a target size
 * ({@link org.stagedml.dataset.subword.internal.VocabBuilder}) and the vocab.subwords file
 * ({@link org.stagedml.dataset.subword.internal.SubwordsFile}).
 */
package org.stagedml.dataset.subword.internal;
