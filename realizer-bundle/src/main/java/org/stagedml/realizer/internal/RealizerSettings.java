package org.stagedml.realizer.internal;

/**
 * The realizer's resource slots.
 *
 * @param cpuWorkers how many CPU worker slots builds share (at least 1)
 * @param gpus how many GPUs builds share (0: every build runs on CPU); {@link #DISCOVER} for the
 *        GPUs the engines report, asked when the first build that wants a GPU is scheduled
 */
public record RealizerSettings(int cpuWorkers, int gpus) {
    /** {@code gpus}: as many as the engines report. */
    public static final int DISCOVER = -1;

    public RealizerSettings {
        if (cpuWorkers < 1 || gpus < DISCOVER) {
            throw new IllegalArgumentException("invalid realizer settings: cpuWorkers=" + cpuWorkers
                    + " (at least 1), gpus=" + gpus + " (at least 0, or -1 for the GPUs the engines report)");
        }
    }

    /** One CPU worker per available processor, no GPU. */
    public static RealizerSettings defaults() {
        return new RealizerSettings(Runtime.getRuntime().availableProcessors(), 0);
    }
}
