package org.stagedml.executor.slurm.internal;

import java.util.Set;

/**
 * A job as squeue describes it ({@link SlurmCommands#states}): its state, reason, node, exit code and
 * restarts. Pure parsing of squeue's {@code |}-separated fields.
 */
record JobInfo(String id, String state, String reason, String node, String exitCode, int restarts) {
    private static final Set<String> RUNNING = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD");

    /**
     * A line of {@code squeue --Format=JobID:|,State:|,Reason:|,BatchHost:|,exit_code:|,RestartCnt:|},
     * e.g. {@code 12|FAILED|NonZeroExitCode|node7|256|0|}; the exit code is the raw wait status
     * (exit code times 256 plus the signal), told as Slurm's {@code code:signal}.
     */
    static JobInfo parse(String line) {
        String[] f = line.strip().split("\\|", -1);
        String host = f.length > 3 ? f[3].strip() : "";
        String raw = f.length > 4 ? f[4].strip() : "";
        String exit = raw.matches("[0-9]{1,9}") ? (Integer.parseInt(raw) >> 8) + ":" + (Integer.parseInt(raw) & 0x7f) : "";
        return new JobInfo(f[0].strip(), f.length > 1 ? f[1].strip() : "UNKNOWN", f.length > 2 ? f[2].strip() : "None",
                host.equals("n/a") || host.equals("(null)") ? "" : host, exit, f.length > 5 ? number(f[5].strip()) : 0);
    }

    private static int number(String s) {
        return s.matches("[0-9]{1,9}") ? Integer.parseInt(s) : 0;
    }

    boolean ended() {
        return !RUNNING.contains(state);
    }

    /**
     * Slurm could not start the job on its node (slurmd failed to launch it, e.g. a spool path too long
     * for a socket) and held it: it waits for an administrator's {@code scontrol release} forever.
     */
    boolean launchFailedAndHeld() {
        return !ended() && reason.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').contains("launch failed");
    }

    boolean succeeded() {
        return state.equals("COMPLETED");
    }

    boolean cancelled() {
        return state.equals("CANCELLED");
    }

    /** For the submitting shell: {@code pending (Resources)}, {@code running on node7}, {@code done}, {@code failed ...}. */
    String describe() {
        String again = restarts > 0 && !ended() ? " (run " + (restarts + 1) + ")" : "";
        return switch (state) {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD" -> state.toLowerCase(java.util.Locale.ROOT)
                    + (reason.isEmpty() || reason.equals("None") ? "" : " (" + reason + ")");
            case "RUNNING", "CONFIGURING", "COMPLETING" -> "running on " + (node.isEmpty() ? "?" : node) + again;
            case "COMPLETED" -> "done on " + node;
            case "CANCELLED" -> "cancelled" + (node.isEmpty() ? "" : " on " + node);
            default -> (state.equals("FAILED") ? "failed" : "failed: " + state.toLowerCase(java.util.Locale.ROOT))
                    + (exitCode.isEmpty() ? "" : " (exit code " + exitCode + ")") + (node.isEmpty() ? "" : " on " + node);
        };
    }
}
