package org.stagedml.engine.dl4j.training;

import java.util.List;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;

/** What a stage that trains with ND4J asks the realizer for, and the device it computes on. */
public final class Nd4jCompute {
    private static final int MEMORY_MB = 2048;

    private Nd4jCompute() {
    }

    /** ND4J's CPU backend uses every core; a CUDA build of the engine computes on one GPU. */
    public static Resources resources(Engine engine) {
        return new Resources(Runtime.getRuntime().availableProcessors(), isGpu(engine) ? 1 : 0, MEMORY_MB);
    }

    /** The device a build computes on, as noted with its realization: the first GPU, or {@code cpu}. */
    public static String device(Engine engine) {
        List<String> devices = isGpu(engine) ? engine.devices() : List.of();
        return devices.isEmpty() ? "cpu" : devices.get(0);
    }

    private static boolean isGpu(Engine engine) {
        return "gpu".equals(engine.backend());
    }
}
