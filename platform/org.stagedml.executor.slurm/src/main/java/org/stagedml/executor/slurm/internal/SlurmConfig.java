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
 * @param maxRequeues how often a job that nears its time limit requeues itself (0: never)
 * @param requeueSignalSeconds how long before the time limit Slurm tells the job ({@code --signal=B:USR1@N})
 */
record SlurmConfig(String partition, String account, String time, List<String> sbatchArgs, Path distribution,
        long memoryMb, long pollMillis, int maxRequeues, int requeueSignalSeconds) {
    static final String PID = "org.stagedml.executor.slurm";
    static final int DEFAULT_MAX_REQUEUES = 3;
    static final int DEFAULT_REQUEUE_SIGNAL_SECONDS = 90;

    SlurmConfig {
        sbatchArgs = List.copyOf(sbatchArgs);
        if (memoryMb < 1) {
            throw new IllegalArgumentException(PID + ": memoryMb must be at least 1, got " + memoryMb);
        }
        if (pollMillis < 50) {
            throw new IllegalArgumentException(PID + ": pollMillis must be at least 50, got " + pollMillis);
        }
        if (maxRequeues < 0) {
            throw new IllegalArgumentException(PID + ": maxRequeues must be 0 (never requeue) or more, got " + maxRequeues);
        }
        if (requeueSignalSeconds < 1 || requeueSignalSeconds > 65535) {
            throw new IllegalArgumentException(PID + ": requeueSignalSeconds must be between 1 and 65535, got "
                    + requeueSignalSeconds);
        }
    }

    /** From the configured strings; a blank distribution means this process's own. */
    static SlurmConfig of(String partition, String account, String time, String sbatchArgs, String distribution,
            long memoryMb, long pollMillis, Path ownDistribution) {
        return of(partition, account, time, sbatchArgs, distribution, memoryMb, pollMillis, ownDistribution,
                DEFAULT_MAX_REQUEUES, DEFAULT_REQUEUE_SIGNAL_SECONDS);
    }

    static SlurmConfig of(String partition, String account, String time, String sbatchArgs, String distribution,
            long memoryMb, long pollMillis, Path ownDistribution, int maxRequeues, int requeueSignalSeconds) {
        List<String> args = new ArrayList<>();
        for (String a : (sbatchArgs == null ? "" : sbatchArgs).trim().split("\\s+")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        Path dist = distribution == null || distribution.isBlank() ? ownDistribution : Path.of(distribution.trim());
        return new SlurmConfig(trim(partition), trim(account), trim(time), args, dist, memoryMb, pollMillis,
                maxRequeues, requeueSignalSeconds);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
