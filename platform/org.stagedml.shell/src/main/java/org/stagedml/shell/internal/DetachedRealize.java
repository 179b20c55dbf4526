package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildExecutor;

/**
 * {@code stage:realize --detach --executor NAME}: the realize itself is handed to the executor as a
 * unit of work of its own (a Slurm job), which walks the closure on the cluster and submits the
 * builds as jobs in turn; this command prints its id and returns. Realizing the same target later
 * picks up what finished.
 */
final class DetachedRealize {
    private DetachedRealize() {
    }

    /** The realize's own command line, for the cluster: the same options, the executor named, never detached. */
    static List<String> commandLine(String executor, boolean force, boolean forceAll, int instances, String match,
            boolean noRoot, boolean keepFailed, boolean fresh, String stage, List<String> overrides) {
        List<String> words = new ArrayList<>(List.of("stage:realize"));
        if (force) {
            words.add("--force");
        }
        if (forceAll) {
            words.add("--force-all");
        }
        if (instances != 1) {
            words.add("--instances");
            words.add(Integer.toString(instances));
        }
        if (match != null && !match.isBlank()) {
            words.add("--match");
            words.add(match);
        }
        if (noRoot) {
            words.add("--no-root");
        }
        if (keepFailed) {
            words.add("--keep-failed");
        }
        if (fresh) {
            words.add("--fresh");
        }
        words.add("--executor");
        words.add(executor);
        words.add(stage);
        words.addAll(overrides);
        return words;
    }

    static void submit(PrintStream out, Collection<BuildExecutor> executors, String executor, List<String> commandLine) {
        if (executor == null || executor.isBlank() || executor.equals("local")) {
            throw new StagedmlException("--detach hands the realize to a cluster: name its executor, e.g."
                    + " --detach --executor slurm");
        }
        BuildExecutor e = executors.stream().filter(x -> executor.equals(x.name())).findFirst()
                .orElseThrow(() -> new StagedmlException("no executor named '" + executor + "' is running; the executors are "
                        + executors.stream().map(BuildExecutor::name).sorted().toList()));
        String id = e.detach(commandLine);
        out.println("detached: the realize runs as " + id);
        out.println("its builds run as jobs of their own; realize the same target again to pick up what finished");
    }
}
