package org.stagedml.executor.slurm.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A job as {@code scontrol show job -o <id>} describes it: its state, reason, node and exit code.
 * Pure parsing of the {@code Key=Value} words.
 */
record JobInfo(String id, String state, String reason, String node, String exitCode, int restarts) {
    private static final Set<String> RUNNING = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD");

    static JobInfo parse(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String word : line.strip().split("\\s+(?=[A-Za-z:/]+=)")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                f.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        String node = f.getOrDefault("BatchHost", f.getOrDefault("NodeList", ""));
        return new JobInfo(f.getOrDefault("JobId", ""), f.getOrDefault("JobState", "UNKNOWN"),
                f.getOrDefault("Reason", "None"), node.equals("(null)") ? "" : node, f.getOrDefault("ExitCode", ""),
                number(f.getOrDefault("Restarts", "0")));
    }

    private static int number(String s) {
        return s.matches("[0-9]{1,9}") ? Integer.parseInt(s) : 0;
    }

    boolean ended() {
        return !RUNNING.contains(state);
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
