package org.stagedml.executor.slurm.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The executor's configuration (PID {@code org.stagedml.executor.slurm}), checked.
 *
 * @param partition {@code --partition} (blank: the cluster's default)
 * @param account {@code --account} (blank: the user's default)
 * @param time {@code --time} per job (blank: the partition's default)
 * @param sbatchArgs more sbatch options, split at spaces (e.g. {@code --qos=long --constraint=a100})
 * @param distribution the distribution's folder on the nodes (it holds bin/stagedml)
 * @param memoryMb {@code --mem} for a stage that says nothing of its memory
 * @param pollMillis how often a job's state and log are read
 */
record SlurmConfig(String partition, String account, String time, List<String> sbatchArgs, Path distribution,
        long memoryMb, long pollMillis) {
    static final String PID = "org.stagedml.executor.slurm";

    SlurmConfig {
        sbatchArgs = List.copyOf(sbatchArgs);
        if (memoryMb < 1) {
            throw new IllegalArgumentException(PID + ": memoryMb must be at least 1, got " + memoryMb);
        }
        if (pollMillis < 50) {
            throw new IllegalArgumentException(PID + ": pollMillis must be at least 50, got " + pollMillis);
        }
    }

    /** From the configured strings; a blank distribution means this process's own. */
    static SlurmConfig of(String partition, String account, String time, String sbatchArgs, String distribution,
            long memoryMb, long pollMillis, Path ownDistribution) {
        List<String> args = new ArrayList<>();
        for (String a : (sbatchArgs == null ? "" : sbatchArgs).trim().split("\\s+")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        Path dist = distribution == null || distribution.isBlank() ? ownDistribution : Path.of(distribution.trim());
        return new SlurmConfig(trim(partition), trim(account), trim(time), args, dist, memoryMb, pollMillis);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
