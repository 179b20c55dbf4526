package org.stagedml.engine.tensorflow.training;

import org.tensorflow.proto.ConfigProto;

/** Session options for computing on the CPU with a given number of threads. */
public final class CpuSessions {
    private CpuSessions() {
    }

    /**
     * The CPU only, intra-op threads = the CPUs granted to the build, one inter-op thread (the
     * graphs of our models are chains: a second scheduler thread only competes for the cores),
     * and pools of this session's own: TensorFlow's pools are otherwise process-wide and sized by
     * whichever session came first.
     */
    public static ConfigProto config(int threads) {
        return builder(threads).putDeviceCount("GPU", 0).build();
    }

    /** The thread settings of {@link #config(int)}, without the device choice, to add GPU options to. */
    public static ConfigProto.Builder builder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return ConfigProto.newBuilder()
                .setAllowSoftPlacement(true)
                .setUsePerSessionThreads(true)
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1);
    }
}
