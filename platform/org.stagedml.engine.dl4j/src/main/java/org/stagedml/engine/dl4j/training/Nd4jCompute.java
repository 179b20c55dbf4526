package org.stagedml.engine.dl4j.training;

import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Engine;

/** What a stage that trains with ND4J asks the realizer for, and the device it computes on. */
public final class Nd4jCompute {
    private static final int MEMORY_MB = 2048;

    private Nd4jCompute() {
    }

    /**
     * ND4J's CPU backend uses every core; one GPU is preferred: on a machine with GPUs the build waits
     * for a free one, on a machine with none it trains on CPU.
     */
    public static Resources resources(Engine engine) {
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors()).withMemoryMb(MEMORY_MB);
    }

    /**
     * Pins the calling thread (the build's: ND4J attaches work to the thread that issues it) to the
     * GPU the realizer granted, and returns the device it computes on, to note with the realization:
     * {@code gpu:<k>}, or {@code cpu} on the CPU backend. Fails clearly when the pinning cannot be
     * guaranteed: the CUDA backend granted no GPU, or a GPU ND4J does not see.
     *
     * @param granted the build's devices ({@code BuildContext.devices()}): {@code cpu} or {@code gpu:<k>}
     */
    public static String pin(Engine engine, List<String> granted) {
        if (!isGpu(engine)) {
            return "cpu";
        }
        String gpu = granted.stream().filter(d -> d.startsWith("gpu:")).findFirst().orElseThrow(() ->
                new StagedmlException("ND4J's CUDA backend cannot compute on the CPU, and this build was granted "
                        + granted + ": configure the realizer's GPUs (stage:config org.stagedml.realizer gpus=N)"
                        + " or use the CPU distribution"));
        int k = Integer.parseInt(gpu.substring("gpu:".length()));
        int seen = Nd4j.getAffinityManager().getNumberOfDevices();
        if (k >= seen) {
            throw new StagedmlException("this build was granted " + gpu + " but ND4J sees " + seen
                    + " CUDA device(s): set gpus to at most " + seen + " (stage:config org.stagedml.realizer gpus="
                    + seen + ")");
        }
        Nd4j.getAffinityManager().unsafeSetDevice(k);
        int attached = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        if (attached != k) {
            throw new StagedmlException("ND4J kept this build's thread on CUDA device " + attached + " instead of the"
                    + " granted " + gpu + "; refusing to compute on a device another build may hold");
        }
        return gpu;
    }

    /** The device a build computes on, as noted with its realization: the first GPU, or {@code cpu}. Prefer {@link #pin}. */
    public static String device(Engine engine) {
        List<String> devices = isGpu(engine) ? engine.devices() : List.of();
        return devices.isEmpty() ? "cpu" : devices.get(0);
    }

    private static boolean isGpu(Engine engine) {
        return "gpu".equals(engine.backend());
    }
}
