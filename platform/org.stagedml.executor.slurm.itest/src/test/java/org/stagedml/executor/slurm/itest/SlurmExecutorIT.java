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
        assertEquals(List.of(), Cluster.jobFolders(remote), "the jobs' folders are removed once they succeeded");
        assertTrue(r.out().contains("running on localhost") && r.out().contains("done on localhost"), r::toString);
        Cluster.Result show = cluster.run(remote, 120, "store:show", r.lastRref());
        assertTrue(show.out().matches("(?s).*slurm\\.job = [0-9]+.*") && show.out().contains("slurm.node = localhost"),
                show::toString);
        // realizing it again picks up what the jobs built
        Cluster.Result again = cluster.run(remote, 300, "stage:realize", "example-chain", "depth=20", "--executor", "slurm");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("0 built"), again::toString);
    }

    /**
     * A training stage inside a job: textcnn on a CSV written here (a signal word per label in
     * filler), so that the dataset (text-classification) and the model (textcnn-glue) are both
     * built by Slurm jobs; the model learns the signal, and a local realize of the same config in
     * another store gives the same dataset RRef and the same trained model: bit-identical weights
     * (textcnn on CPU is deterministic with its seed) and learning metrics. The model's RRef itself
     * differs, as between any two textcnn builds: metrics.json records train_seconds and
     * peak_rss_mb, and model.zip its entries' times.
     */
    @Test
    void aTextCnnTrainsInsideAJobAsItWouldLocally() throws Exception {
        Path input = Files.createTempDirectory(Cluster.work(), "owndata-"); // the job reads it on the node
        Path csv = input.resolve("reviews.csv");
        Files.writeString(csv, Cluster.signalCsv(600));
        String[] realize = {"stage:realize", "textcnn-glue", "data=text-classification", "data.train=" + csv,
            "data.text=review", "data.label=sentiment", "epochs=2", "batch=16", "max_len=16"};
        Path home = cluster.newHome("textcnn-slurm");
        List<String> args = new java.util.ArrayList<>(List.of(realize));
        args.addAll(List.of("--executor", "slurm"));
        Cluster.Result r = cluster.run(home, 600, args.toArray(String[]::new));
        assertEquals(0, r.code(), r::toString);
        String model = r.lastRref();
        assertNotNull(model, r::toString);
        TreeSet<String> data = listed(home, "text-classification");
        assertEquals(1, data.size(), data::toString);
        TreeSet<String> jobs = new TreeSet<>();
        for (String rref : List.of(data.first(), model)) {
            Cluster.Result show = cluster.run(home, 120, "store:show", rref);
            java.util.regex.Matcher job = java.util.regex.Pattern.compile("slurm\\.job = ([0-9]+)").matcher(show.out());
            assertTrue(job.find(), () -> rref + " was not built by a Slurm job: " + show);
            jobs.add(job.group(1));
        }
        assertEquals(2, jobs.size(), "one job per derivation: " + jobs);
        double accuracy = metric(home, model, "accuracy");
        assertTrue(accuracy >= 0.9, "accuracy " + accuracy + " of " + model);

        Path local = cluster.newHome("textcnn-local");
        Cluster.Result l = cluster.run(local, 600, realize);
        assertEquals(0, l.code(), l::toString);
        assertEquals(data, listed(local, "text-classification"), "a local realize gives the dataset's RRef");
        String same = l.lastRref();
        assertEquals(model.substring(model.indexOf('-')), same.substring(same.indexOf('-')), "the same derivation");
        for (String name : List.of("accuracy", "loss", "train_loss", "best_accuracy")) {
            assertEquals(metric(home, model, name), metric(local, same, name), name);
        }
        assertEquals(zipEntries(output(home, model).resolve("model.zip")), zipEntries(output(local, same).resolve("model.zip")),
                "the same weights");
    }

    private static Path output(Path home, String rref) throws Exception {
        Cluster.Result path = cluster.run(home, 120, "store:path", rref);
        return Path.of(path.out().strip().lines().reduce((x, y) -> y).orElseThrow());
    }

    /** A number in a realization's metrics.json. */
    private static double metric(Path home, String rref, String name) throws Exception {
        String metrics = Files.readString(output(home, rref).resolve("metrics.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*([-0-9.eE]+)").matcher(metrics);
        assertTrue(m.find(), () -> name + " not in " + metrics);
        return Double.parseDouble(m.group(1));
    }

    /** A zip's entries by name, as hex SHA-256 of their bytes (their times left out). */
    private static java.util.Map<String, String> zipEntries(Path zip) throws Exception {
        java.util.Map<String, String> all = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                all.put(e.getName(), java.util.HexFormat.of().formatHex(digest));
            }
        }
        assertTrue(!all.isEmpty(), zip + " is empty");
        return all;
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
        List<Path> folders = Cluster.jobFolders(home);
        assertEquals(1, folders.size(), "a failed job's folder stays: " + folders);
        try (var files = Files.list(folders.get(0))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("slurm-[0-9]+\\.out")), "with its output");
        }
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
        assertEquals(List.of(), Cluster.jobFolders(home), "a job cancelled by its submitter leaves no folder");
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

    /**
     * Two people realize overlapping DAGs against one store at once: chains of depth 4 and 6 share
     * depths 0 to 4. Both jobs of a shared derivation may be submitted (neither holds its lock while
     * the other's job is pending); the second to run finds the first's realization under the lock.
     */
    @Test
    void twoSubmittersOfOverlappingDagsBuildEachDerivationOnce() throws Exception {
        Path home = cluster.newHome("two");
        Process a = cluster.stagedml(home, "stage:realize", "example-chain", "depth=4", "--executor", "slurm").start();
        Process b = cluster.stagedml(home, "stage:realize", "example-chain", "depth=6", "--executor", "slurm").start();
        Cluster.Result ra = Cluster.finish(a, 400);
        Cluster.Result rb = Cluster.finish(b, 400);
        assertEquals(0, ra.code(), ra::toString);
        assertEquals(0, rb.code(), rb::toString);
        assertEquals(7, listed(home, "example-chain").size(), "each of the 7 derivations built once");
        assertTrue(listed(home, "example-chain").contains(ra.lastRref()), ra::toString);
    }

    /**
     * Two nodes, each slurmd in a network namespace of its own (its own address, as two machines),
     * sharing the store's filesystem: a chain's two leaves are submitted together and the nodes have
     * one CPU each, so both nodes build; the realizations are those of a local realize, and each
     * records the node that built it. Skipped, saying why, where namespaces cannot be made.
     */
    @Test
    void aChainAcrossTwoNodesInNetworkNamespacesGivesTheLocalRealizations() throws Exception {
        Optional<String> missing = cluster.twoNodesMissing();
        if (missing.isPresent()) {
            System.err.println("SKIPPED the two-node test: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), () -> missing.get());
        Path local = cluster.newHome("two-nodes-local");
        Cluster.Result l = cluster.run(local, 300, "stage:realize", "example-chain", "depth=8");
        assertEquals(0, l.code(), l::toString);
        Path home = cluster.newHome("two-nodes");
        Files.writeString(home.resolve("config/org.stagedml.executor.slurm.cfg"), "partition=two\npollMillis=300\nmemoryMb=500\n");
        Cluster.Result r = cluster.run(home, 900, "stage:realize", "example-chain", "depth=8", "--executor", "slurm");
        assertEquals(0, r.code(), r::toString);
        TreeSet<String> built = listed(home, "example-chain");
        assertEquals(listed(local, "example-chain"), built, "every link's RRef");
        assertEquals(9, built.size());
        TreeSet<String> nodes = new TreeSet<>();
        for (String rref : built) {
            Cluster.Result show = cluster.run(home, 120, "store:show", rref);
            java.util.regex.Matcher node = java.util.regex.Pattern.compile("slurm\\.node = (\\S+)").matcher(show.out());
            assertTrue(node.find(), show::toString);
            nodes.add(node.group(1));
        }
        assertEquals(new TreeSet<>(List.of("n1", "n2")), nodes, "the nodes that built the chain");
        assertEquals(List.of(), Cluster.jobFolders(home));
    }

    /**
     * bin/stagedml hands its commands to the home's server, which an earlier command started with
     * another environment (here a SLURM_CONF that does not exist and no squeue wrapper on the PATH):
     * the realize still submits with the client's SLURM_CONF and PATH. The wrapper found only on the
     * client's PATH logs each squeue call: one call follows all the realize's jobs (the chain's two
     * leaves run together).
     */
    @Test
    void aRealizeThroughTheServerSubmitsInTheClientsEnvironmentPollingAllItsJobsAtOnce() throws Exception {
        Path home = cluster.newHome("server-env");
        Cluster.Result first = cluster.run(home, java.util.Map.of("SLURM_CONF", "/nonexistent/slurm.conf"), 120,
                "store:list");
        assertEquals(0, first.code(), first::toString);
        Cluster.Result status = cluster.run(home, 60, "--status");
        assertTrue(status.out().matches("(?s).*pid [0-9]+.*"), () -> "a server runs for the home: " + status);
        Path bin = Files.createDirectories(home.resolve("wrapped-bin"));
        Path log = home.resolve("squeue-calls.log");
        Path squeue = bin.resolve("squeue");
        String real = java.util.stream.Stream.of("/usr/bin/squeue", "/usr/local/bin/squeue").filter(f -> Files.isExecutable(Path.of(f)))
                .findFirst().orElse("squeue");
        Files.writeString(squeue, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec " + real + " \"$@\"\n");
        squeue.toFile().setExecutable(true);
        Cluster.Result r = cluster.run(home, java.util.Map.of("PATH", bin + ":" + System.getenv("PATH")), 600,
                "stage:realize", "example-chain", "depth=3", "--executor", "slurm");
        assertEquals(0, r.code(), r::toString);
        assertEquals(4, listed(home, "example-chain").size());
        List<String> calls = Files.readAllLines(log);
        assertTrue(calls.stream().anyMatch(c -> c.matches(".*--jobs=[0-9]+,[0-9]+ .*")),
                () -> "no squeue call followed two jobs: " + calls);
        cluster.run(home, 60, "--stop");
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
        assertTrue(r.out().contains("job " + job.group(1) + " running on localhost (run 2)"), r::toString);
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
