/**
 * The stages of this bundle ({@code bert-checkpoint}, {@code bert-random-init}, {@code glue-features})
 * as thin DS components, and the plain classes doing their work: the pretrained model catalog,
 * the checkpoint layout, random BERT weights, the TensorFlow checkpoint writer, and the GLUE to
 * BERT feature conversion, and {@code bert-pretrain-data} (create_pretraining_data.py: masked LM and next
 * sentence examples from text-lines). Private to the bundle.
 */
package org.stagedml.dataset.bert.internal;
