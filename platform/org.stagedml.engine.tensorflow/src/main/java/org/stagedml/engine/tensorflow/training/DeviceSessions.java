package org.stagedml.engine.tensorflow.training;

import java.util.List;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.engine.Gpu;
import org.stagedml.api.stage.BuildContext;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The device a TensorFlow build computes on, chosen from what the realizer granted it
 * ({@link BuildContext#devices()}: {@code cpu} or {@code gpu:<k>}), and the session options that
 * pin it there.
 *
 * <p>TensorFlow maps one set of visible GPUs per process: two sessions in one JVM with different
 * visible device lists fail ("GPU:0 is being mapped to multiple devices"). So no session here
 * narrows the visible list; a GPU build pins its graph instead ({@link GraphDevices#pin}), and two
 * GPU builds can run at once in one process, each on its own GPU.
 */
public final class DeviceSessions {
    public static final String CPU = "cpu";
    private static final String GPU_PREFIX = "gpu:";

    private DeviceSessions() {
    }

    /**
     * The first granted {@code gpu:<k>} that the engine reports as a GPU, else {@code cpu}. A GPU
     * granted by configuration that the engine cannot see (a CPU build of the natives, a missing
     * CUDA library) falls back to the CPU and says so in the build's log. Records the choice as the
     * build's {@code device} note.
     */
    public static String device(BuildContext b, Engine engine) {
        String granted = b.devices().stream().filter(d -> d.startsWith(GPU_PREFIX)).findFirst().orElse(null);
        String device = granted == null ? CPU : choose(b.devices(), engine.gpus());
        if (granted != null && device.equals(CPU)) {
            b.log("granted " + granted + " but " + engine + " reports no such GPU: computing on the CPU");
        }
        b.note("device", device);
        return device;
    }

    /** The first granted {@code gpu:<k>} whose index is among the engine's GPUs, else {@code cpu}. */
    public static String choose(List<String> granted, List<Gpu> engineGpus) {
        for (String d : granted) {
            if (d.startsWith(GPU_PREFIX)) {
                int k = index(d);
                if (engineGpus.stream().anyMatch(g -> g.index() == k)) {
                    return d;
                }
            }
        }
        return CPU;
    }

    /**
     * Session options for a device: on {@code cpu} exactly {@link CpuSessions#config(int)} (so a CPU
     * build computes as before, deterministically); on {@code gpu:<k>} the same CPU threads for the ops
     * that stay on the CPU, soft placement, every GPU visible (the list is process-wide, see above) and
     * GPU memory grown as needed: TensorFlow then takes memory only on the GPUs a graph's operations run
     * on, which {@link GraphDevices#pin} makes the granted one. No memory fraction and no virtual devices:
     * the realizer grants whole GPUs, one build per GPU.
     */
    public static ConfigProto config(int threads, String device) {
        if (CPU.equals(device)) {
            return CpuSessions.config(threads);
        }
        index(device);
        return CpuSessions.builder(threads).setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
    }

    /** The index k of {@code gpu:<k>}; a clear error for anything else. */
    static int index(String device) {
        if (device == null || !device.startsWith(GPU_PREFIX)) {
            throw new IllegalArgumentException("unknown device '" + device + "': expected cpu or gpu:<index>");
        }
        try {
            int k = Integer.parseInt(device.substring(GPU_PREFIX.length()));
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad device '" + device + "': expected gpu:<index>, e.g. gpu:0");
    }
}
