package org.stagedml.executor.slurm.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.stagedml.api.StagedmlException;

/**
 * Runs the Slurm client commands in the submitter's environment: found on its PATH, with its
 * {@code SLURM_CONF} and every other variable (sbatch's default {@code --export=ALL} hands them to
 * the job). The submitter is this process, or the client a StagedML server runs the realize for
 * ({@link org.stagedml.api.execute.SubmitterEnvironment}): then the client's PATH and SLURM_CONF
 * count, not the server's.
 */
final class SlurmCommands {
    private static final long TIMEOUT_S = 60;
    /** squeue's fields, '|' after each: id, state, reason, batch host, raw exit status, restarts. */
    private static final String SQUEUE_FIELDS = "JobID:|,State:|,Reason:|,BatchHost:|,exit_code:|,RestartCnt:|";
    private final Map<String, String> env;

    /** @param env the submitter's environment */
    SlurmCommands(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Map<String, String> environment() {
        return env;
    }

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    Result run(List<String> cmd) {
        List<String> resolved = new ArrayList<>(cmd);
        resolved.set(0, onPath(cmd.get(0)));
        ProcessBuilder pb = new ProcessBuilder(resolved);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StagedmlException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "): the Slurm client"
                    + " commands must be on the PATH of the submitting shell (Debian: apt-get install slurm-client);"
                    + " PATH=" + env.getOrDefault("PATH", ""), e);
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

    /** The command as the submitter's PATH finds it (ProcessBuilder would search this process's PATH). */
    private String onPath(String command) {
        if (command.contains("/")) {
            return command;
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return command;
    }

    /**
     * The states of the jobs, with one squeue call; a job missing from the answer is no longer known
     * to slurmctld (purged after MinJobAge).
     */
    Map<String, JobInfo> states(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Result r = run(List.of("squeue", "--noheader", "--states=all", "--jobs=" + String.join(",", ids),
                "--Format=" + SQUEUE_FIELDS));
        if (r.exit() != 0 && !r.err().toLowerCase(java.util.Locale.ROOT).contains("invalid job id")) {
            throw new StagedmlException("squeue --jobs=" + String.join(",", ids) + " failed: " + r.err().strip());
        }
        Map<String, JobInfo> all = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                JobInfo j = JobInfo.parse(line);
                all.put(j.id(), j);
            }
        }
        return all;
    }

    void cancel(String id) {
        run(List.of("scancel", id));
    }
}
