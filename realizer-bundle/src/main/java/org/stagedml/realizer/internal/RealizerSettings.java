package org.stagedml.realizer.internal;

/**
 * The realizer's resource slots.
 *
 * @param cpuWorkers how many CPU worker slots builds share (at least 1)
 * @param gpus how many GPUs builds share (0: every build runs on CPU)
 */
public record RealizerSettings(int cpuWorkers, int gpus) {
    public RealizerSettings {
        if (cpuWorkers < 1 || gpus < 0) {
            throw new IllegalArgumentException("invalid realizer settings: cpuWorkers=" + cpuWorkers
                    + " (at least 1), gpus=" + gpus + " (at least 0)");
        }
    }

    /** One CPU worker per available processor, no GPU. */
    public static RealizerSettings defaults() {
        return new RealizerSettings(Runtime.getRuntime().availableProcessors(), 0);
    }
}
