/**
 * The bert-finetune-glue stage: a BERT encoder built in TensorFlow Java, restored from Google's
 * checkpoints by name, fine-tuned on a GLUE task with a hand-written AdamW; private to the bundle.
 */
package org.stagedml.model.bert.internal;
