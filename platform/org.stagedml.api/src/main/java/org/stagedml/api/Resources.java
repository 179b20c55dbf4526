package org.stagedml.api;

/**
 * What one build of a stage occupies while it runs; the realizer schedules builds within its slots.
 *
 * <p>GPUs are either <em>preferred</em> (the default: the build uses them when the machine has GPUs,
 * waiting for a free one, and runs on CPU on a machine with none) or <em>required</em> (a machine
 * with no GPU refuses the build before anything builds). For example
 * {@code Resources.gpus(1).preferred()}, {@code Resources.gpus(2).required().withCpus(4)}.
 *
 * @param cpus CPU worker slots (at least 1)
 * @param gpus GPUs (0 for CPU-only stages)
 * @param memoryMb an estimate of the memory it needs, in MiB (0 when small)
 * @param gpusRequired whether the build cannot run without its GPUs (false: it runs on CPU when the
 *        machine has none)
 */
public record Resources(int cpus, int gpus, long memoryMb, boolean gpusRequired) {
    public static final Resources DEFAULT = new Resources(1, 0, 0);

    public Resources {
        if (cpus < 1 || gpus < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("invalid resources: cpus=" + cpus + " gpus=" + gpus
                    + " memoryMb=" + memoryMb);
        }
        if (gpus == 0) {
            gpusRequired = false;
        }
    }

    /** GPUs preferred, as the three-value form always meant: used when there, CPU otherwise. */
    public Resources(int cpus, int gpus, long memoryMb) {
        this(cpus, gpus, memoryMb, false);
    }

    /** One CPU slot and {@code n} GPUs, preferred (see {@link #required()}). */
    public static Resources gpus(int n) {
        return new Resources(1, n, 0, false);
    }

    /** The same, the GPUs used when the machine has them and CPU otherwise. */
    public Resources preferred() {
        return new Resources(cpus, gpus, memoryMb, false);
    }

    /** The same, the GPUs needed: a machine without them refuses the build. */
    public Resources required() {
        return new Resources(cpus, gpus, memoryMb, true);
    }

    public Resources withCpus(int n) {
        return new Resources(n, gpus, memoryMb, gpusRequired);
    }

    public Resources withMemoryMb(long mb) {
        return new Resources(cpus, gpus, mb, gpusRequired);
    }

    /** {@code gpus=1 (preferred)}, {@code gpus=2 (required)}, or {@code gpus=0}. */
    public String gpuText() {
        return "gpus=" + gpus + (gpus == 0 ? "" : gpusRequired ? " (required)" : " (preferred)");
    }

    @Override
    public String toString() {
        return "cpus=" + cpus + " " + gpuText() + (memoryMb > 0 ? " memory=" + memoryMb + "MiB" : "");
    }
}
