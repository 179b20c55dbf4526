package org.stagedml.api;

/**
 * What one build of a stage occupies while it runs; the realizer schedules builds within its slots.
 *
 * @param cpus CPU worker slots (at least 1)
 * @param gpus GPUs (0 for CPU-only stages; a stage that can use a GPU but does not need one says 0)
 * @param memoryMb an estimate of the memory it needs, in MiB (0 when small)
 */
public record Resources(int cpus, int gpus, long memoryMb) {
    public static final Resources DEFAULT = new Resources(1, 0, 0);

    public Resources {
        if (cpus < 1 || gpus < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("invalid resources: cpus=" + cpus + " gpus=" + gpus
                    + " memoryMb=" + memoryMb);
        }
    }

    @Override
    public String toString() {
        return "cpus=" + cpus + " gpus=" + gpus + (memoryMb > 0 ? " memory=" + memoryMb + "MiB" : "");
    }
}
