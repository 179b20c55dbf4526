package org.stagedml.engine.dl4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.engine.Gpu;

/** Lists the devices ND4J's backend computes on. Initialises ND4J, which loads the natives. */
public final class Nd4jDevices {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private Nd4jDevices() {}

    /**
     * One entry per device: {@code CPU (2 cores, OPENBLAS)} for the native backend,
     * {@code CUDA:0 NVIDIA H100 80GB HBM3 (79.1 GiB)} per GPU for the CUDA backend.
     */
    public static List<String> list() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object gpus = env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (gpus instanceof List<?> infos && !infos.isEmpty()) {
            return cudaDevices(infos);
        }
        return List.of(String.format("CPU (%s cores, %s)",
                env.getOrDefault(Nd4jEnvironment.CPU_CORES_KEY, "?"),
                env.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown BLAS")));
    }

    /** The CUDA devices of the CUDA backend (none on the CPU backend). */
    public static List<Gpu> gpus() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        List<Gpu> gpus = new ArrayList<>();
        if (env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> infos) {
            for (int i = 0; i < infos.size(); i++) {
                Map<?, ?> info = (Map<?, ?>) infos.get(i);
                long memory = info.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY) instanceof Number n ? n.longValue() : 0;
                gpus.add(new Gpu(i, String.valueOf(info.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)), memory));
            }
        }
        return List.copyOf(gpus);
    }

    private static List<String> cudaDevices(List<?> infos) {
        List<String> names = new ArrayList<>(infos.size());
        for (int i = 0; i < infos.size(); i++) {
            Map<?, ?> info = (Map<?, ?>) infos.get(i);
            Object total = info.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY);
            String memory = total instanceof Number n
                    ? String.format(" (%.1f GiB)", n.longValue() / GIB) : "";
            names.add("CUDA:" + i + " " + info.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY) + memory);
        }
        return List.copyOf(names);
    }
}
