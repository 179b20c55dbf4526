package org.stagedml.executor.slurm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The job script: the submitter's home (the shared store), in-process, the exit status last. A
 * build job also handles the time limit: Slurm sends SIGUSR1 to the script {@code requeueSignalSeconds}
 * before it ({@code --signal=B:USR1@N}); the script stops the build (SIGTERM: the store keeps nothing
 * partial, the stage's last checkpoint is already saved) and requeues the job ({@code scontrol
 * requeue}, same job id), at most {@code maxRequeues} times ({@code SLURM_RESTART_COUNT} counts
 * them); its next run resumes from the checkpoint. Past the bound the build runs on until the time
 * limit ends it.
 */
final class JobScript {
    /** The line a job prints when it requeues itself (before {@code <n> of <max>}). */
    static final String REQUEUE_MARK = "stagedml-requeue ";

    private JobScript() {
    }

    static Path write(Path folder, List<String> words, SlurmConfig c, boolean requeue) throws IOException {
        String home = System.getenv("STAGEDML_HOME");
        int max = requeue ? c.maxRequeues() : 0;
        String script = "#!/bin/sh\n"
                + "# a StagedML build, written by the Slurm executor; its output is slurm-<job id>.out beside it\n"
                + (home == null || home.isBlank() ? "" : "export STAGEDML_HOME=" + quote(home) + "\n")
                + "export STAGEDML_NO_SERVER=1\n"
                + "near=0\n"
                // the handler only notes the signal (and stops the build when a requeue is allowed);
                // a shell killed by SIGUSR1 would end the job before its build could finish in time
                + "trap 'near=1; [ \"${SLURM_RESTART_COUNT:-0}\" -lt " + max + " ] && kill -TERM $pid 2>/dev/null' USR1\n"
                + quote(c.distribution().resolve("bin/stagedml").toString()) + " "
                + String.join(" ", words.stream().map(JobScript::quote).toList()) + " &\n"
                + "pid=$!\n"
                + "wait $pid; rc=$?\n"
                + "while kill -0 $pid 2>/dev/null; do wait $pid; rc=$?; done\n" // a signal cut the wait short
                + "n=${SLURM_RESTART_COUNT:-0}\n"
                + "if [ $near = 1 ] && [ $rc != 0 ] && [ $n -lt " + max + " ]; then\n"
                + "  echo \"" + REQUEUE_MARK + "$((n + 1)) of " + max
                + ": the time limit is near; the build stopped and resumes from its checkpoint\"\n"
                + "  scontrol requeue \"$SLURM_JOB_ID\" && exit 0\n"
                + "  echo \"scontrol requeue failed; the job ends here\"\n"
                + "fi\n"
                + "echo \"" + SlurmJob.EXIT_MARK + "$rc\"\n"
                + "exit $rc\n";
        Path p = folder.resolve("job.sh");
        Files.writeString(p, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
