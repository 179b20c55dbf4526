/**
 * The stages of this bundle ({@code bert-checkpoint}, {@code bert-random-init}, {@code glue-features})
 * as thin DS components, and the plain classes doing their work: the pretrained model catalog,
 * the checkpoint layout, random BERT weights, the TensorFlow checkpoint writer, and the GLUE to
 * BERT feature conversion. Private to the bundle.
 */
package org.stagedml.dataset.bert.internal;
