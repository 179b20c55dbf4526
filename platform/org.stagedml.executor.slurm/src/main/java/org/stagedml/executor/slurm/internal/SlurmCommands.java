package org.stagedml.executor.slurm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.stagedml.api.StagedmlException;

/**
 * Runs the Slurm client commands found on the PATH (they honour {@code SLURM_CONF} from the
 * environment, which the child processes inherit).
 */
final class SlurmCommands {
    private static final long TIMEOUT_S = 60;

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    Result run(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StagedmlException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "): the Slurm client"
                    + " commands must be on the PATH of the submitting process (Debian: apt-get install slurm-client)", e);
        }
        try {
            p.getOutputStream().close();
            // small outputs: read both after the end would risk a full pipe only with huge output
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StagedmlException(cmd.get(0) + " did not answer within " + TIMEOUT_S + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StagedmlException(cmd.get(0) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new StagedmlException(cmd.get(0) + " was interrupted", e);
        }
    }

    /** The job's state; empty when slurmctld no longer knows the job (purged after MinJobAge). */
    Optional<JobInfo> show(String id) {
        Result r = run(List.of("scontrol", "show", "job", "-o", id));
        if (r.exit() != 0) {
            if (r.err().toLowerCase(java.util.Locale.ROOT).contains("invalid job id")) {
                return Optional.empty();
            }
            throw new StagedmlException("scontrol show job " + id + " failed: " + r.err().strip());
        }
        return Optional.of(JobInfo.parse(r.out()));
    }

    void cancel(String id) {
        run(List.of("scancel", id));
    }
}
