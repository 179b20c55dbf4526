package org.stagedml.executor.slurm.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Resources;

/**
 * The sbatch command line of one build: what the stage's resources ask ({@code --cpus-per-task},
 * {@code --mem}, {@code --gres=gpu:N}), the configured partition, account, time and extra options,
 * {@code --requeue} so that a job whose node fails or that is preempted runs again, and, when the
 * job may requeue itself, {@code --signal=B:USR1@N} so that its script hears of the time limit in
 * time ({@link JobScript}); {@code --open-mode=append} keeps every run's output in one file. Pure:
 * no process is started here.
 */
final class Sbatch {
    private Sbatch() {
    }

    /**
     * @param gpus whether to ask for the stage's GPUs (a stage that only prefers GPUs is submitted
     *        again without them when the cluster has none)
     */
    static List<String> command(SlurmConfig c, Resources r, boolean gpus, String jobName, Path folder, Path script) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + jobName,
                "--output=" + folder.resolve("slurm-%j.out"), "--chdir=" + folder, "--requeue",
                "--cpus-per-task=" + Math.max(1, r.cpus()),
                "--mem=" + (r.memoryMb() > 0 ? r.memoryMb() : c.memoryMb()) + "M"));
        if (gpus && r.gpus() > 0) {
            cmd.add("--gres=gpu:" + r.gpus());
        }
        cmd.add("--open-mode=append");
        if (c.maxRequeues() > 0) {
            cmd.add("--signal=B:USR1@" + c.requeueSignalSeconds());
        }
        if (!c.partition().isEmpty()) {
            cmd.add("--partition=" + c.partition());
        }
        if (!c.account().isEmpty()) {
            cmd.add("--account=" + c.account());
        }
        if (!c.time().isEmpty()) {
            cmd.add("--time=" + c.time());
        }
        cmd.addAll(c.sbatchArgs());
        cmd.add(script.toString());
        return cmd;
    }

    /** The job id {@code sbatch --parsable} printed ({@code 123} or {@code 123;cluster}). */
    static String jobId(String output) {
        String line = output.strip();
        int nl = line.lastIndexOf('\n');
        line = nl >= 0 ? line.substring(nl + 1) : line;
        int semi = line.indexOf(';');
        String id = semi >= 0 ? line.substring(0, semi) : line;
        if (!id.matches("[0-9]+")) {
            throw new IllegalArgumentException("sbatch printed no job id: " + output.strip());
        }
        return id;
    }

    /** Whether sbatch refused only because no node has the GPUs asked for. */
    static boolean refusedForGpus(String error) {
        String e = error.toLowerCase(java.util.Locale.ROOT);
        return e.contains("requested node configuration is not available") || e.contains("invalid generic resource");
    }
}
