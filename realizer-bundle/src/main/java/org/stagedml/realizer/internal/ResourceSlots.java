package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Resources;

/**
 * The CPU worker slots and GPUs that builds share. A build waits until its resources are free.
 * A request larger than what is configured is clamped to the total (so it runs, alone); GPUs
 * requested when none are configured mean the build runs on CPU.
 */
final class ResourceSlots {
    private final int cpuTotal;
    private final boolean[] gpuBusy;
    private int cpuFree;

    ResourceSlots(RealizerSettings settings) {
        this.cpuTotal = settings.cpuWorkers();
        this.cpuFree = cpuTotal;
        this.gpuBusy = new boolean[settings.gpus()];
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

    Grant acquire(Resources wanted) throws InterruptedException {
        int cpus = Math.min(wanted.cpus(), cpuTotal);
        int gpus = Math.min(wanted.gpus(), gpuBusy.length);
        synchronized (this) {
            while (cpuFree < cpus || freeGpus() < gpus) {
                wait();
            }
            cpuFree -= cpus;
            List<Integer> granted = new ArrayList<>();
            for (int i = 0; i < gpuBusy.length && granted.size() < gpus; i++) {
                if (!gpuBusy[i]) {
                    gpuBusy[i] = true;
                    granted.add(i);
                }
            }
            return new Grant(cpus, List.copyOf(granted));
        }
    }

    private synchronized void release(Grant g) {
        if (g.released) {
            return;
        }
        g.released = true;
        cpuFree += g.cpus;
        for (int i : g.gpus) {
            gpuBusy[i] = false;
        }
        notifyAll();
    }

    private int freeGpus() {
        int n = 0;
        for (boolean busy : gpuBusy) {
            n += busy ? 0 : 1;
        }
        return n;
    }

    synchronized int freeCpus() {
        return cpuFree;
    }
}
