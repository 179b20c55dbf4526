/**
 * The {@code transformer} stage: an encoder-decoder Transformer built in TensorFlow Java, trained
 * with teacher forcing on a parallel corpus over a subword vocabulary, decoded greedily or by beam
 * search, and scored with BLEU.
 */
package org.stagedml.model.transformer.internal;
