package org.stagedml.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.stagedml.model.examples.internal.ChainStage;
import org.stagedml.model.examples.internal.FailStage;
import org.stagedml.model.examples.internal.HelloStage;
import org.stagedml.model.examples.internal.RandomStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.store.internal.FileStore;
import org.stagedml.testing.RealizeFixture;

/** Shared helpers: the distribution's bin/stagedml, child JVMs, store snapshots, fresh homes. */
final class Support {
    static final Pattern RREF = Pattern.compile("rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+");

    private Support() {
    }

    static Path dist() {
        return Paths.get(System.getProperty("reliability.dist", "../../distribution/target/stagedml")).toAbsolutePath();
    }

    static Path launcher() {
        Path p = dist().resolve("bin/stagedml");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("no distribution at " + p + ": build the distribution module first");
        }
        return p;
    }

    /** A fresh, empty store root under target/reliability. */
    static Path newHome(String name) throws IOException {
        Path work = Paths.get(System.getProperty("reliability.work", "target/reliability")).toAbsolutePath();
        Files.createDirectories(work);
        return Files.createTempDirectory(work, name + "-");
    }

    /** What a command line did. */
    record Result(int code, String out, String err) {
        String lastRref() {
            Matcher m = RREF.matcher(out);
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            return last;
        }

        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static ProcessBuilder stagedml(Path home, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STAGEDML_HOME", home.toString());
        pb.environment().put("STAGEDML_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto");
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
        // a process per command, as these tests were written for; ServerIT runs through the server
        pb.environment().put("STAGEDML_NO_SERVER", "1");
        return pb;
    }

    static Result run(Path home, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return finish(stagedml(home, args).start(), timeoutSeconds);
    }

    static Result finish(Process p, int timeoutSeconds) throws IOException, InterruptedException {
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("command did not finish within " + timeoutSeconds + " s: " + p.info().commandLine().orElse("?"));
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** A main class of these test sources in a child JVM (the real store and realizer, no framework). */
    static Process childJvm(Class<?> main, String... args) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The real store, realizer and example stages in this JVM (or a child's). */
    static DefaultRealizer realizer(FileStore store) {
        // closing the realizer is all the fixture's close does
        return new RealizeFixture(store).add("org.stagedml.model.examples", new HelloStage(), new ChainStage(),
                new RandomStage(), new FailStage(), new SleepStage()).realizer();
    }

    /**
     * Every file and folder under {@code dir} (relative path -> type, size, sha256), skipping
     * {@code locks/} and {@code logs/}: equal snapshots mean nothing was added, lost or changed.
     */
    static Map<String, String> snapshot(Path dir, String... skip) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (List.of(skip).stream().anyMatch(rel::startsWith)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    m.put(rel, "dir");
                } else if (Files.isRegularFile(p)) {
                    m.put(rel, Files.size(p) + " " + sha256(p));
                } else {
                    m.put(rel, "other");
                }
            }
        }
        return m;
    }

    static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries under root/tmp (builds in progress). */
    static List<Path> tmpEntries(Path root) throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** Makes a (read-only) store tree writable again so that it can be changed or deleted. */
    static void makeWritable(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                p.toFile().setWritable(true, true);
            }
        }
    }
}
