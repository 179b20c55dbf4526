package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stagedml.api.DRef;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;

/**
 * The CPU worker slots and GPUs that builds share. A build waits until its resources are free. A
 * request larger than what is configured is clamped to the total (so it runs, alone). GPUs
 * <em>preferred</em> on a machine with none mean the build runs on CPU; with GPUs it waits for
 * free ones. GPUs <em>required</em> on a machine with none are refused ({@link #refuseIfImpossible}).
 *
 * <p>How many GPUs there are is the configured number, or, when the settings say
 * {@link RealizerSettings#DISCOVER}, what {@link GpuDiscovery} finds when the first build that wants
 * a GPU asks (so that start-up loads no native library). {@link #resize} applies a new
 * configuration live: running builds keep what they hold; waiting builds see the new totals.
 */
final class ResourceSlots {
    /** The realizer's Config Admin PID, named in the messages that say how to configure GPUs. */
    static final String PID = "org.stagedml.realizer";
    private final GpuDiscovery discovery;
    private int cpuTotal;
    private int cpuFree;
    private int gpuSetting;
    private int gpuTotal = -1; // not known yet
    private final Set<Integer> gpuBusy = new HashSet<>();

    ResourceSlots(RealizerSettings settings) {
        this(settings, GpuDiscovery.none());
    }

    ResourceSlots(RealizerSettings settings, GpuDiscovery discovery) {
        this.discovery = discovery;
        this.cpuTotal = settings.cpuWorkers();
        this.cpuFree = cpuTotal;
        this.gpuSetting = settings.gpus();
    }

    /** Held resources; closing gives them back. */
    final class Grant implements AutoCloseable {
        private final int cpus;
        private final List<Integer> gpus;
        private boolean released;

        private Grant(int cpus, List<Integer> gpus) {
            this.cpus = cpus;
            this.gpus = gpus;
        }

        /** {@code [cpu]}, or {@code [gpu:0, gpu:1 ...]}. */
        List<String> devices() {
            return gpus.isEmpty() ? List.of("cpu") : gpus.stream().map(g -> "gpu:" + g).toList();
        }

        @Override
        public void close() {
            release(this);
        }
    }

    /** Waits for the resources and holds them; a required GPU on a machine with none is refused. */
    Grant acquire(DRef dref, Resources wanted) throws InterruptedException {
        synchronized (this) {
            refuseIfImpossible(dref, wanted);
            while (true) {
                int cpus = Math.min(wanted.cpus(), cpuTotal);
                int gpus = wanted.gpus() == 0 ? 0 : Math.min(wanted.gpus(), gpuTotal()); // a CPU build discovers nothing
                if (wanted.gpus() > 0 && gpus == 0 && wanted.gpusRequired()) {
                    refuseIfImpossible(dref, wanted); // reconfigured to 0 while it waited
                }
                if (cpuFree >= cpus && (gpus == 0 || freeGpus().size() >= gpus)) {
                    cpuFree -= cpus;
                    List<Integer> granted = gpus == 0 ? List.<Integer>of() : List.copyOf(freeGpus().subList(0, gpus));
                    gpuBusy.addAll(granted);
                    return new Grant(cpus, granted);
                }
                wait();
            }
        }
    }

    /**
     * Throws when a build could never run here: it requires GPUs and the machine has none. Asks
     * for discovery only when the build wants a GPU.
     */
    synchronized void refuseIfImpossible(DRef dref, Resources wanted) {
        if (wanted.gpus() > 0 && wanted.gpusRequired() && gpuTotal() == 0) {
            throw new StagedmlException("cannot build " + dref + ": stage '" + dref.name() + "' needs "
                    + wanted.gpus() + " GPU" + (wanted.gpus() == 1 ? "" : "s") + " and " + noGpuReason()
                    + ". On a host with NVIDIA GPUs run the GPU distribution (stagedml-gpu; `stage:engines --check`"
                    + " says what the host lacks), or set the number of GPUs: `stage:config " + PID + " gpus=N`"
                    + " (saved in $STAGEDML_HOME/config/" + PID + ".cfg)");
        }
    }

    private String noGpuReason() {
        return gpuSetting == RealizerSettings.DISCOVER
                ? "the engines report no GPU on this machine"
                : "the realizer is configured with gpus=0";
    }

    /** How many GPUs builds share; discovers them the first time when not configured. */
    synchronized int gpuTotal() {
        if (gpuTotal < 0) {
            gpuTotal = gpuSetting == RealizerSettings.DISCOVER ? discovery.count() : gpuSetting;
        }
        return gpuTotal;
    }

    /** GPUs known so far, without discovering them: -1 when not known yet. */
    synchronized int gpusKnown() {
        return gpuTotal;
    }

    /**
     * Applies new settings without touching running builds: they keep what they hold (a GPU index
     * beyond a smaller total stays taken until its build ends); waiting builds see the new totals.
     */
    synchronized void resize(RealizerSettings settings) {
        cpuFree += settings.cpuWorkers() - cpuTotal;
        cpuTotal = settings.cpuWorkers();
        if (settings.gpus() != gpuSetting) {
            gpuSetting = settings.gpus();
            gpuTotal = -1;
        }
        notifyAll();
    }

    private synchronized void release(Grant g) {
        if (g.released) {
            return;
        }
        g.released = true;
        cpuFree += g.cpus;
        g.gpus.forEach(gpuBusy::remove);
        notifyAll();
    }

    private List<Integer> freeGpus() {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < gpuTotal(); i++) {
            if (!gpuBusy.contains(i)) {
                free.add(i);
            }
        }
        return free;
    }

    synchronized int freeCpus() {
        return cpuFree;
    }
}
