package org.stagedml.model.transformer.internal;

/**
 * The learning rate of "Attention is all you need" (section 5.3) as official/transformer computes
 * it: {@code learning_rate * d^-0.5 * min(step * warmup^-1.5, step^-0.5)}, step counted from 1.
 */
record NoamSchedule(double multiplier, int hidden, int warmupSteps) {
    double at(long step) {
        double s = Math.max(1, step);
        return multiplier * Math.pow(hidden, -0.5) * Math.min(s * Math.pow(warmupSteps, -1.5), Math.pow(s, -0.5));
    }
}
