package org.stagedml.model.bert.internal;

/**
 * The hyper-parameters of one fine-tuning run.
 *
 * @param dropout the dropout rate of every dropout in the encoder and the head (0 turns it off)
 * @param weightDecay AdamW's decoupled weight decay (not applied to LayerNorm parameters and biases)
 */
record FineTuneSettings(double learningRate, int batch, int epochs, double warmup, double weightDecay, double dropout,
        long seed, int evalBatch) {
}
