/**
 * The bert-finetune-glue stage: a BERT encoder built in TensorFlow Java, restored from Google's
 * checkpoints by name, fine-tuned on a GLUE task with a hand-written AdamW; bert-finetune-squad on the
 * same loop; bert-pretrain (masked LM and next sentence heads) on it too. Private to the bundle.
 */
package org.stagedml.model.bert.internal;
