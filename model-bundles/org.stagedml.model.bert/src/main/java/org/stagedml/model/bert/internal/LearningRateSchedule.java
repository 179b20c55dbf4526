package org.stagedml.model.bert.internal;

/**
 * BERT's schedule (optimization.py): linear warmup from 0 over the first {@code warmup} fraction of
 * the steps, then linear decay to 0 at the last step; computed here and fed each step.
 */
record LearningRateSchedule(double peak, long totalSteps, long warmupSteps) {
    static LearningRateSchedule of(double peak, long totalSteps, double warmupFraction) {
        return new LearningRateSchedule(peak, totalSteps, (long) (totalSteps * warmupFraction));
    }

    double at(long step) {
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        return peak * Math.max(0, 1 - (double) step / totalSteps);
    }
}
