package org.stagedml.executor.slurm.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildMonitor;
import org.stagedml.api.execute.RemoteBuild;
import org.stagedml.api.store.Store;

/**
 * One submitted job, followed: its state from the submitter's {@link JobPoller} (one squeue call per
 * tick for all its jobs; each change told to the monitor),
 * the new lines of its output file (the build's events, as {@code stage:build-derivation} prints
 * them), its end. A failed job's build log is the one the node kept in the store (like a local
 * failure's), else the job's output file, which stays in the submission's folder. A job that
 * requeued itself ({@link JobScript}) or that Slurm requeued keeps its id and is followed on:
 * pending again, then running, its next run's lines appended to the same file. Once the job
 * succeeded (its realizations are in the store) or this side cancelled it, its folder (task file,
 * script, output) is removed; a failed or killed job's folder stays, its output being the log.
 */
final class SlurmJob implements RemoteBuild {
    /** The last line the job script prints, so that the end is known even when Slurm forgot the job. */
    static final String EXIT_MARK = "stagedml-exit ";
    private static final long CANCEL_WAIT_MS = 90_000;
    /** How many polls in a row squeue may fail before the job is given up on. */
    private static final int MAX_UNANSWERED = 60;
    private final String id;
    private final DRef dref;
    private final Path folder;
    private final Path output;
    private final SlurmCommands slurm;
    private final JobPoller poller;
    private final Store store;
    private final BuildMonitor monitor;
    private final int maxRequeues;
    private long tick;
    private long read; // bytes of the output file already passed on
    private String partial = "";
    private final List<String> tail = new ArrayList<>();
    private String said = "";
    private final long submitted = System.currentTimeMillis();

    SlurmJob(String id, DRef dref, Path folder, SlurmCommands slurm, JobPoller poller, Store store, BuildMonitor monitor,
            int maxRequeues) {
        this.id = id;
        this.dref = dref;
        this.folder = folder;
        this.output = folder.resolve("slurm-" + id + ".out");
        this.slurm = slurm;
        this.poller = poller;
        this.store = store;
        this.monitor = monitor;
        this.maxRequeues = maxRequeues;
        poller.watch(id);
    }

    @Override
    public String id() {
        return id;
    }

    Path output() {
        return output;
    }

    @Override
    public void await() throws InterruptedException {
        followToEnd();
        removeFolder(); // succeeded: the realizations are in the store, the folder has served
    }

    /** Follows the job to its end; throws as {@link #await} says, or returns when it succeeded. */
    private void followToEnd() throws InterruptedException {
        int unanswered = 0;
        while (true) {
            JobPoller.Answer a = poller.next(id, tick);
            tick = a.tick();
            if (a.error() != null) { // slurmctld busy or restarting: the job goes on meanwhile
                if (Thread.currentThread().isInterrupted() || ++unanswered >= MAX_UNANSWERED) {
                    poller.unwatch(id);
                    throw a.error();
                }
                continue;
            }
            unanswered = 0;
            follow();
            if (a.job().isEmpty()) {
                poller.unwatch(id);
                endForgotten();
                return;
            }
            JobInfo j = a.job().get();
            tell(j);
            if (j.launchFailedAndHeld()) { // held for good: fail now rather than wait for a release
                poller.unwatch(id);
                slurm.cancel(id);
                throw failed("slurm job " + id + " could not be started" + (j.node().isEmpty() ? "" : " on " + j.node())
                        + ": Slurm held it as '" + j.reason() + "'. The cause is in slurmd's log on that node"
                        + " (SlurmdLogFile in slurm.conf; 'scontrol show job " + id + "' names the node)."
                        + " Fix the node, then realize again");
            }
            if (j.ended()) {
                poller.unwatch(id);
                Thread.sleep(500); // the last lines may reach a shared filesystem late
                follow();
                if (j.succeeded()) {
                    return;
                }
                if (j.cancelled()) {
                    throw new CancelledException("slurm job " + id + " of " + dref + " was cancelled" + lastWords());
                }
                throw failed("slurm job " + id + " " + j.describe() + lastWords() + timeoutHint(j));
            }
        }
    }

    /** Slurm purged the job before we saw its end: the script's last line says how it ended. */
    private void endForgotten() {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (tail.get(i).startsWith(EXIT_MARK)) {
                if (tail.get(i).equals(EXIT_MARK + "0")) {
                    return;
                }
                throw failed("slurm job " + id + " ended with " + tail.get(i).substring(EXIT_MARK.length()) + lastWords());
            }
        }
        throw failed("slurm job " + id + " is no longer known to Slurm and left no exit status" + lastWords());
    }

    /** A job that timed out had used up its requeues (or could not requeue): say what to raise. */
    private String timeoutHint(JobInfo j) {
        if (!j.state().equals("TIMEOUT")) {
            return "";
        }
        return "; it reached its time limit after " + j.restarts() + " requeue(s) (maxRequeues=" + maxRequeues
                + "): raise time or maxRequeues in " + SlurmConfig.PID + ", or make the stage save checkpoints";
    }

    private void tell(JobInfo j) {
        String line = "job " + id + " " + j.describe();
        if (!line.equals(said)) {
            said = line;
            monitor.state(line);
        }
    }

    @Override
    public void cancel() {
        slurm.cancel(id);
        poller.watch(id);
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MS;
        try {
            while (System.currentTimeMillis() < deadline) {
                JobPoller.Answer a = poller.next(id, tick);
                tick = a.tick();
                follow();
                if (a.error() == null && (a.job().isEmpty() || a.job().get().ended())) {
                    a.job().ifPresent(this::tell);
                    poller.unwatch(id);
                    removeFolder(); // cancelled here: nothing was built, nothing to keep
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        poller.unwatch(id);
        monitor.state("job " + id + " did not end within " + CANCEL_WAIT_MS / 1000 + " s of scancel");
    }

    /** The job's folder, once it has served (best effort: on a shared filesystem a file may linger). */
    private void removeFolder() {
        try (var all = Files.walk(folder)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // what stays is only a small folder; it names its job
        }
    }

    /** Passes on the output file's new complete lines. */
    private void follow() {
        if (!Files.exists(output)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "r")) {
            long len = f.length();
            if (len < read) { // written anew (a requeued run without --open-mode=append)
                read = 0;
                partial = "";
            }
            if (len <= read) {
                return;
            }
            byte[] b = new byte[(int) Math.min(len - read, 1 << 20)];
            f.seek(read);
            f.readFully(b);
            read += b.length;
            String text = partial + new String(b, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            partial = end < 0 ? text : text.substring(end + 1);
            if (end >= 0) {
                for (String line : text.substring(0, end).split("\n", -1)) {
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                    if (!line.startsWith(EXIT_MARK)) {
                        monitor.log(line);
                    }
                }
            }
        } catch (IOException e) {
            // the log is followed best effort; the end comes from Slurm
        }
    }

    /** The job's last telling line: the cause of its build's failure, else its last line. */
    private String lastWords() {
        for (int i = tail.size() - 1; i >= 0; i--) {
            String l = tail.get(i);
            if (l.startsWith("failed: ") || l.startsWith("error: ")) {
                return ": " + cause(l.substring(l.indexOf(' ') + 1));
            }
        }
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (!tail.get(i).isBlank() && !tail.get(i).startsWith(EXIT_MARK)) {
                return ": " + tail.get(i).strip();
            }
        }
        return "";
    }

    /** {@code build of stage 'x' (dref) failed: CAUSE; log: PATH} -> CAUSE (the log is named once, by the exception). */
    static String cause(String failure) {
        String c = failure;
        int f = c.indexOf(") failed: ");
        if (c.startsWith("build of stage ") && f > 0) {
            c = c.substring(f + ") failed: ".length());
        }
        int log = c.lastIndexOf("; log: ");
        return log > 0 ? c.substring(0, log) : c;
    }

    private BuildFailedException failed(String message) {
        Path log = output;
        try {
            Optional<Path> kept = store.failedLog(dref);
            if (kept.isPresent() && Files.getLastModifiedTime(kept.get()).toMillis() >= submitted - 2000) {
                log = kept.get();
            }
        } catch (IOException | RuntimeException e) {
            // the job's own output is the log then
        }
        return new BuildFailedException(dref, log, new StagedmlException(message + " (job output: " + output + ")"));
    }
}
