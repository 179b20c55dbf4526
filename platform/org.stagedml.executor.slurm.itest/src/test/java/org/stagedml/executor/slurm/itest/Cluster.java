package org.stagedml.executor.slurm.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test cluster (scripts/slurm-cluster.sh) and the distribution's command line, for the tests. */
final class Cluster {
    static final Pattern RREF = Pattern.compile("rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+");
    private static final Pattern JOB = Pattern.compile("slurm job ([0-9]+) running on");
    private static final Pattern PROGRESS = Pattern.compile("\\s[0-9]+% example-");
    final Path dir;
    final Path conf;

    private Cluster(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** Why the Slurm tests cannot run here, if they cannot. */
    static Optional<String> missing() {
        for (String cmd : List.of("slurmctld", "slurmd", "munged", "sbatch")) {
            if (!onPath(cmd)) {
                return Optional.of(cmd + " is not installed: the Slurm executor's tests need Debian's slurm-wlm and munge"
                        + " (apt-get install slurm-wlm munge; .ci/run installs them)");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the one-node test cluster runs slurmd, which needs root");
        }
        return Optional.empty();
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Paths.get(d, cmd))) {
                return true;
            }
        }
        for (String d : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Paths.get(d, cmd))) {
                return true;
            }
        }
        return false;
    }

    static Cluster start() throws IOException, InterruptedException {
        Path dir = work().resolve("cluster");
        Files.createDirectories(dir);
        Result r = exec(120, null, script().toString(), "start", dir.toString());
        if (r.code() != 0) {
            throw new IllegalStateException("the test cluster did not start: " + r);
        }
        return new Cluster(dir);
    }

    void stop() throws IOException, InterruptedException {
        exec(60, null, script().toString(), "stop", dir.toString());
    }

    static Path work() {
        return Paths.get(System.getProperty("slurm.work", "target/slurm")).toAbsolutePath();
    }

    private static Path script() {
        return Paths.get(System.getProperty("slurm.script", "../../scripts/slurm-cluster.sh")).toAbsolutePath();
    }

    static Path launcher() {
        Path p = Paths.get(System.getProperty("slurm.dist", "../../distribution/target/stagedml")).toAbsolutePath()
                .resolve("bin/stagedml");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("no distribution at " + p + ": build the distribution module first");
        }
        return p;
    }

    /** A fresh home whose Slurm executor submits to this cluster's partition, polling often. */
    Path newHome(String name) throws IOException {
        Files.createDirectories(work());
        Path home = Files.createTempDirectory(work(), name + "-");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/org.stagedml.executor.slurm.cfg"),
                "partition=main\npollMillis=300\nmemoryMb=500\n");
        return home;
    }

    /** What a command line did. */
    record Result(int code, String out, String err) {
        List<String> rrefs() {
            List<String> all = new ArrayList<>();
            Matcher m = RREF.matcher(out);
            while (m.find()) {
                all.add(m.group());
            }
            return all;
        }

        String lastRref() {
            List<String> all = rrefs();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    ProcessBuilder stagedml(Path home, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STAGEDML_HOME", home.toString());
        pb.environment().put("SLURM_CONF", conf.toString());
        pb.environment().put("STAGEDML_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto -Xmx512m");
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
        return pb;
    }

    Result run(Path home, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return finish(stagedml(home, args).start(), timeoutSeconds);
    }

    /** As {@link #run}, with these environment variables set (a null value removes one). */
    Result run(Path home, java.util.Map<String, String> env, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = stagedml(home, args);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return finish(pb.start(), timeoutSeconds);
    }

    /** Why the two nodes in network namespaces (partition two: n1, n2) are not there; empty when they are. */
    Optional<String> twoNodesMissing() throws IOException {
        Path state = dir.resolve("two-nodes");
        String said = Files.exists(state) ? Files.readString(state).strip() : "the cluster script wrote no " + state;
        return said.equals("up") ? Optional.empty() : Optional.of(said);
    }

    /** The folders the Slurm executor left in the home ($STAGEDML_HOME/slurm/): those of jobs that did not succeed. */
    static List<Path> jobFolders(Path home) throws IOException {
        // not the store's marker of a user folder (.stagedml-user-folder)
        return entries(home.resolve("slurm")).stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }

    /** A Slurm client command against this cluster. */
    Result slurm(String... cmd) throws IOException, InterruptedException {
        return exec(60, conf, cmd);
    }

    private static Result exec(int timeoutSeconds, Path conf, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (conf != null) {
            pb.environment().put("SLURM_CONF", conf.toString());
        }
        return finish(pb.start(), timeoutSeconds);
    }

    static Result finish(Process p, int timeoutSeconds) throws InterruptedException {
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("command did not finish within " + timeoutSeconds + " s: "
                    + p.info().commandLine().orElse("?") + "\n" + out.getNow("") + err.getNow(""));
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** A realize under way: its process, the Slurm job building, what it printed so far. */
    record Running(Process process, String job, StringBuilder seen) {
    }

    /** Starts {@code stage:realize <words> --executor slurm} and returns when its build has reported progress. */
    Running startRunning(Path home, String... words) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("stage:realize"));
        args.addAll(List.of(words));
        args.addAll(List.of("--executor", "slurm"));
        Process p = stagedml(home, args.toArray(String[]::new)).start();
        StringBuilder seen = new StringBuilder();
        String job = awaitOutput(p, seen, JOB, 120);
        awaitOutput(p, seen, PROGRESS, 120); // the build is under way on the node
        return new Running(p, job, seen);
    }

    /** Follows a running realize's output until it prints what the pattern matches; its first group, if any. */
    static String awaitOutput(Process p, StringBuilder seen, Pattern wanted, int timeoutSeconds)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        var in = p.getInputStream();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            if (in.available() > 0) {
                int n = in.read(buf);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                Matcher m = wanted.matcher(seen);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            } else if (!p.isAlive()) {
                break;
            } else {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no '" + wanted + "' within " + timeoutSeconds + " s; output so far:\n" + seen);
    }

    /**
     * A CSV {@code id,review,sentiment} of {@code rows} reviews: twelve filler words with two words of
     * the review's label ('pos' or 'neg') inserted at random places; seeded, so always the same file.
     */
    static String signalCsv(int rows) {
        java.util.Random rnd = new java.util.Random(7);
        String[] pos = {"wonderful", "lovely", "superb", "delightful", "brilliant"};
        String[] neg = {"awful", "dreadful", "boring", "terrible", "dull"};
        String[] filler = "the a film plot actor scene music story camera light night city long short".split(" ");
        StringBuilder csv = new StringBuilder("id,review,sentiment\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = rnd.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                words.add(filler[rnd.nextInt(filler.length)]);
            }
            String[] signal = positive ? pos : neg;
            for (int k = 0; k < 2; k++) {
                words.add(rnd.nextInt(words.size() + 1), signal[rnd.nextInt(signal.length)]);
            }
            csv.append(i).append(',').append(String.join(" ", words)).append(',').append(positive ? "pos" : "neg").append('\n');
        }
        return csv.toString();
    }

    /** The entries of the store's tmp folder (builds in progress); empty when nothing is left over. */
    static List<Path> tmpEntries(Path home) throws IOException {
        return entries(home.resolve("tmp"));
    }

    private static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var s = Files.list(folder)) {
            return s.toList();
        }
    }
}
