package org.stagedml.realizer.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.stagedml.api.engine.Engine;

/**
 * How many GPUs the host has, as the engines report them. Asked once, when the first build that
 * wants a GPU is scheduled; only engines built with GPU natives are asked (a CPU build has none,
 * and asking it would load its natives for nothing). The engines see the same devices, so the
 * host has as many as the engine that sees most.
 */
public final class GpuDiscovery {
    private final Supplier<? extends Collection<Engine>> engines;
    private final RealizerLog log;

    public GpuDiscovery(Supplier<? extends Collection<Engine>> engines) {
        this(engines, RealizerLog.system(GpuDiscovery.class.getName()));
    }

    GpuDiscovery(Supplier<? extends Collection<Engine>> engines, RealizerLog log) {
        this.engines = engines;
        this.log = log;
    }

    /** No engine: no GPU. */
    public static GpuDiscovery none() {
        return new GpuDiscovery(List::of);
    }

    public int count() {
        int most = 0;
        for (Engine e : engines.get()) {
            if (!"gpu".equals(e.backend())) {
                continue;
            }
            try {
                int n = e.gpus().size();
                log.info(e.name() + " reports " + n + " GPU(s)");
                most = Math.max(most, n);
            } catch (RuntimeException ex) { // missing CUDA libraries: this engine computes on CPU
                log.warn(e.name() + " could not list its GPUs; builds will not count on them: " + ex.getMessage(), ex);
            }
        }
        return most;
    }
}
