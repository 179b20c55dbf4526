package org.stagedml.executor.slurm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Slurm executor end to end: bin/stagedml submits to a real one-node cluster, each build runs
 * as a job on it (in-process, against the same store), and the results, failures, cancels and GPU
 * grants are read back from the store. Skipped, saying why, where Slurm is not installed.
 */
class SlurmExecutorIT {
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<String> missing = Cluster.missing();
        if (missing.isPresent()) {
            System.err.println("SKIPPED the Slurm executor's tests: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), () -> missing.get());
        cluster = Cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
    }

    private static TreeSet<String> listed(Path home, String stage) throws Exception {
        Cluster.Result list = cluster.run(home, 120, "store:list", stage);
        assertEquals(0, list.code(), list::toString);
        return new TreeSet<>(list.rrefs());
    }

    @Test
    void aChainAcrossTheClusterGivesTheSameRealizationsAsALocalRealize() throws Exception {
        Path local = cluster.newHome("chain-local");
        Cluster.Result l = cluster.run(local, 300, "stage:realize", "example-chain", "depth=20");
        assertEquals(0, l.code(), l::toString);
        Path remote = cluster.newHome("chain-slurm");
        Cluster.Result r = cluster.run(remote, 900, "stage:realize", "example-chain", "depth=20", "--executor", "slurm");
        assertEquals(0, r.code(), r::toString);
        assertEquals(l.lastRref(), r.lastRref(), "the target's RRef");
        assertEquals(listed(local, "example-chain"), listed(remote, "example-chain"), "every link's RRef");
        assertEquals(21, listed(remote, "example-chain").size());
        assertTrue(r.out().contains("running on localhost") && r.out().contains("done on localhost"), r::toString);
        Cluster.Result show = cluster.run(remote, 120, "store:show", r.lastRref());
        assertTrue(show.out().matches("(?s).*slurm\\.job = [0-9]+.*") && show.out().contains("slurm.node = localhost"),
                show::toString);
        // realizing it again picks up what the jobs built
        Cluster.Result again = cluster.run(remote, 300, "stage:realize", "example-chain", "depth=20", "--executor", "slurm");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("0 built"), again::toString);
    }

    @Test
    void aFailingJobKeepsItsLogAndLeavesNothingInTheStore() throws Exception {
        Path home = cluster.newHome("fail");
        Cluster.Result r = cluster.run(home, 300, "stage:realize", "example-fail", "--executor", "slurm");
        assertNotEquals(0, r.code(), r::toString);
        String all = r.out() + r.err();
        assertTrue(all.contains("failed on purpose") && all.matches("(?s).*slurm job [0-9]+ failed.*"), r::toString);
        try (var logs = Files.list(home.resolve("logs/failed"))) {
            List<Path> kept = logs.toList();
            assertEquals(1, kept.size(), kept::toString);
            assertTrue(Files.readString(kept.get(0)).contains("failed on purpose"));
            assertTrue(all.contains(kept.get(0).toString()), "the kept log is named: " + r);
        }
        assertTrue(Cluster.tmpEntries(home).isEmpty());
        assertTrue(listed(home, "example-fail").isEmpty());
    }

    @Test
    void cancellingTheSubmitterCancelsItsJobAndLeavesTheStoreClean() throws Exception {
        Path home = cluster.newHome("cancel");
        Cluster.Running run = cluster.startRunning(home, "example-sleep", "seconds=120", "tag=cancel");
        Process p = run.process();
        String job = run.job();
        p.destroy(); // SIGTERM, as Ctrl-C ends bin/stagedml: its shutdown hook cancels
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the submitter ended");
        Cluster.Result state = cluster.slurm("scontrol", "show", "job", "-o", job);
        assertTrue(state.out().contains("JobState=CANCELLED"), state::toString);
        assertTrue(Cluster.tmpEntries(home).isEmpty(), () -> "tmp holds " + home.resolve("tmp"));
        assertTrue(listed(home, "example-sleep").isEmpty());
    }

    @Test
    void aJobKilledMidBuildLeavesNothingAndTheNextRealizeCompletes() throws Exception {
        Path home = cluster.newHome("killed");
        Cluster.Running run = cluster.startRunning(home, "example-sleep", "seconds=20", "tag=killed");
        StringBuilder seen = run.seen();
        assertEquals(0, cluster.slurm("scancel", run.job()).code());
        Cluster.Result r = Cluster.finish(run.process(), 120);
        assertNotEquals(0, r.code(), () -> seen + r.toString());
        assertTrue((seen + r.out() + r.err()).contains("cancelled"), () -> seen + r.toString());
        assertTrue(Cluster.tmpEntries(home).isEmpty());
        assertTrue(listed(home, "example-sleep").isEmpty());
        Cluster.Result again = cluster.run(home, 300, "stage:realize", "example-sleep", "seconds=20", "tag=killed",
                "--executor", "slurm");
        assertEquals(0, again.code(), again::toString);
        assertEquals(1, listed(home, "example-sleep").size());
    }

    @Test
    void twoSubmittersOfTheSameDerivationBuildItOnce() throws Exception {
        Path home = cluster.newHome("two");
        String[] args = {"stage:realize", "example-sleep", "seconds=4", "tag=two", "--executor", "slurm"};
        Process a = cluster.stagedml(home, args).start();
        Process b = cluster.stagedml(home, args).start();
        Cluster.Result ra = Cluster.finish(a, 300);
        Cluster.Result rb = Cluster.finish(b, 300);
        assertEquals(0, ra.code(), ra::toString);
        assertEquals(0, rb.code(), rb::toString);
        assertEquals(ra.lastRref(), rb.lastRref());
        assertEquals(1, listed(home, "example-sleep").size(), "built once");
    }

    @Test
    void aGpuStageGetsTheGpuSlurmGranted() throws Exception {
        Path home = cluster.newHome("gpu");
        Cluster.Result r = cluster.run(home, 300, "stage:realize", "example-gpu", "seconds=1", "require=true",
                "--executor", "slurm");
        assertEquals(0, r.code(), r::toString);
        String rref = r.lastRref();
        assertNotNull(rref);
        Cluster.Result path = cluster.run(home, 120, "store:path", rref);
        Path out = Path.of(path.out().strip().lines().reduce((x, y) -> y).orElseThrow());
        assertEquals("gpu:0", Files.readString(out.resolve("granted.txt")).strip());
        Cluster.Result show = cluster.run(home, 120, "store:show", rref);
        assertTrue(show.out().matches("(?s).*slurm\\.gpus = [01].*"), show::toString);
    }

    @Test
    void aDetachedRealizeRunsOnTheClusterAndPrintsItsJob() throws Exception {
        Path home = cluster.newHome("detach");
        Cluster.Result r = cluster.run(home, 120, "stage:realize", "--detach", "--executor", "slurm", "example-chain", "depth=2");
        assertEquals(0, r.code(), r::toString);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("slurm job ([0-9]+)").matcher(r.out());
        assertTrue(m.find(), r::toString);
        String job = m.group(1);
        long deadline = System.currentTimeMillis() + 300_000;
        String state = "";
        while (System.currentTimeMillis() < deadline && !state.contains("JobState=COMPLETED") && !state.contains("JobState=FAILED")) {
            Thread.sleep(1000);
            state = cluster.slurm("scontrol", "show", "job", "-o", job).out();
        }
        assertTrue(state.contains("JobState=COMPLETED"), state);
        assertEquals(3, listed(home, "example-chain").size());
    }

    /**
     * Issue 26 on Slurm: a job whose time limit (1 minute, Slurm's least) is shorter than its build
     * is told 25 s before the end (sbatch --signal), stops, keeping its checkpoint, requeues itself,
     * and its next run resumes; the submitter follows the same job id to the end. The cluster's
     * cred_expire=30 shortens Slurm's wait before a requeued job may start again (120 s by default).
     */
    @Test
    void aJobPastItsTimeLimitRequeuesItselfAndResumesFromItsCheckpoint() throws Exception {
        String[] build = {"stage:realize", "example-steps", "steps=30", "seconds=1", "tag=requeue"};
        Path local = cluster.newHome("steps-local");
        Process uninterrupted = cluster.stagedml(local, build).start(); // meanwhile, on this machine
        Path home = cluster.newHome("requeue");
        Files.writeString(home.resolve("config/org.stagedml.executor.slurm.cfg"),
                "time=1\nmaxRequeues=3\nrequeueSignalSeconds=25\n", java.nio.file.StandardOpenOption.APPEND);
        List<String> args = new java.util.ArrayList<>(List.of(build));
        args.addAll(List.of("--executor", "slurm"));
        Cluster.Result r = cluster.run(home, 400, args.toArray(String[]::new));
        Cluster.Result l = Cluster.finish(uninterrupted, 300);
        assertEquals(0, l.code(), l::toString);
        assertEquals(0, r.code(), r::toString);
        assertEquals(l.lastRref(), r.lastRref(), "a resumed build gives the RRef of an uninterrupted one");
        java.util.regex.Matcher job = java.util.regex.Pattern.compile("job ([0-9]+) running on").matcher(r.out());
        assertTrue(job.find(), r::toString);
        Cluster.Result state = cluster.slurm("scontrol", "show", "job", "-o", job.group(1));
        assertTrue(state.out().contains("JobState=COMPLETED") && !state.out().contains("Restarts=0"), state::toString);
        String output;
        try (var found = Files.walk(home.resolve("slurm"))) {
            Path out = found.filter(f -> f.getFileName().toString().equals("slurm-" + job.group(1) + ".out"))
                    .findFirst().orElseThrow();
            output = Files.readString(out);
        }
        assertTrue(output.contains("stagedml-requeue 1 of 3"), output);
        Cluster.Result show = cluster.run(home, 120, "store:show", r.lastRref());
        java.util.regex.Matcher from = java.util.regex.Pattern.compile("resumed from step ([0-9]+)").matcher(show.out());
        assertTrue(from.find(), show::toString);
        assertTrue(Integer.parseInt(from.group(1)) > 0, show::toString);
        assertTrue(Cluster.tmpEntries(home).isEmpty(), () -> "tmp holds " + home.resolve("tmp"));
        assertEquals(1, listed(home, "example-steps").size());
    }

    /** With no requeue left (here maxRequeues=0) a job past its time limit fails, saying what to raise. */
    @Test
    void aJobOutOfRequeuesFailsAtItsTimeLimitNamingTheBound() throws Exception {
        Path home = cluster.newHome("timeout");
        Files.writeString(home.resolve("config/org.stagedml.executor.slurm.cfg"), "time=1\nmaxRequeues=0\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cluster.Result r = cluster.run(home, 300, "stage:realize", "example-steps", "steps=300", "seconds=1",
                "tag=timeout", "--executor", "slurm");
        assertNotEquals(0, r.code(), r::toString);
        String all = r.out() + r.err();
        assertTrue(all.contains("timeout") && all.contains("maxRequeues=0"), r::toString);
        assertTrue(Cluster.tmpEntries(home).isEmpty(), () -> "tmp holds " + home.resolve("tmp"));
        assertTrue(listed(home, "example-steps").isEmpty());
    }
}
