package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stagedml.runtime.client.ServerFolder;

/**
 * bin/stagedml through the home's StagedML server (issue 19): a server killed mid-build, a stale
 * socket, Ctrl-C in one of two clients, configuration files and bundles changed between commands,
 * the client's working directory, stdin, variables and exit codes, streamed output, and
 * --no-server beside it.
 */
class ServerIT {
    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    private final List<Path> homes = new ArrayList<>();

    private Path home(String name) throws IOException {
        Path h = Support.newHome(name);
        homes.add(h);
        return h;
    }

    @AfterEach
    void stopServers() throws Exception {
        for (Path h : homes) {
            run(h, 90, "--stop");
        }
    }

    private static ProcessBuilder client(Path home, String... args) {
        ProcessBuilder pb = Support.stagedml(home, args);
        pb.environment().remove("STAGEDML_NO_SERVER");
        return pb;
    }

    private static Support.Result run(Path home, int timeoutSeconds, String... args) throws Exception {
        return Support.finish(client(home, args).start(), timeoutSeconds);
    }

    /** The pid --status reports, or -1 when no server runs. */
    private static long serverPid(Path home) throws Exception {
        Support.Result r = run(home, 60, "--status");
        Matcher m = PID.matcher(r.out());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits until the store's tmp/ holds n builds in progress. */
    private static void awaitBuilds(Path home, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (Support.tmpEntries(home).stream().filter(Files::isDirectory).count() < n) {
            assertTrue(System.currentTimeMillis() < deadline, "the builds did not start: " + Support.tmpEntries(home));
            Thread.sleep(100);
        }
    }

    private static void kill(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    @Test
    void aServerKilledMidBuildFailsEveryClientWithOneLineAndTheNextCommandStartsAnother() throws Exception {
        Path home = home("server-kill");
        assertEquals(0, run(home, 180, "stage:list").code());
        long pid = serverPid(home);
        assertTrue(pid > 0, "no server after a command");
        Process a = client(home, "stage:realize", "example-sleep", "seconds=60", "tag=a").start();
        Process b = client(home, "stage:realize", "example-sleep", "seconds=60", "tag=b").start();
        awaitBuilds(home, 2);
        kill(pid, "KILL");
        long t0 = System.currentTimeMillis();
        for (Support.Result r : List.of(Support.finish(a, 30), Support.finish(b, 30))) {
            assertEquals(3, r.code(), r.toString());
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.err().contains("server") && r.err().contains("again"), r.toString());
        }
        long noticed = System.currentTimeMillis() - t0;
        Support.Result verify = run(home, 180, "store:verify");
        assertEquals(0, verify.code(), verify.toString());
        long next = serverPid(home);
        assertTrue(next > 0 && next != pid, "a new server runs: " + next);
        Support.Result list = run(home, 120, "store:list", "example-sleep");
        assertEquals(null, list.lastRref(), "a killed build was committed: " + list);
        System.out.println("RELIABILITY server killed mid-build: both clients exit 3 with one line after " + noticed
                + " ms; store:verify ok; the next command started server " + next);
    }

    @Test
    void aStaleSocketFromAKilledServerIsReplaced() throws Exception {
        Path home = home("server-stale");
        assertEquals(0, run(home, 180, "stage:list").code());
        long pid = serverPid(home);
        kill(pid, "KILL");
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertTrue(Files.exists(ServerFolder.of(home).socket()), "the killed server's socket file stays");
        assertEquals(-1, serverPid(home), "--status reports a dead server");
        Support.Result r = run(home, 180, "stage:list");
        assertEquals(0, r.code(), r.toString());
        long next = serverPid(home);
        assertTrue(next > 0 && next != pid);
    }

    @Test
    void ctrlCCancelsOnlyThatClientsBuildAndTheServerServesOn() throws Exception {
        Path home = home("server-ctrlc");
        assertEquals(0, run(home, 180, "stage:list").code());
        long pid = serverPid(home);
        Process cancelled = client(home, "stage:realize", "example-sleep", "seconds=60", "tag=cancelled").start();
        awaitBuilds(home, 1);
        Process other = client(home, "stage:realize", "example-sleep", "seconds=3", "tag=other").start();
        awaitBuilds(home, 2);
        kill(cancelled.pid(), "INT");
        Support.Result c = Support.finish(cancelled, 60);
        assertNotEquals(0, c.code(), c.toString());
        assertTrue(c.out().contains("cancelled") || c.err().contains("cancelled"), c.toString());
        Support.Result o = Support.finish(other, 120);
        assertEquals(0, o.code(), o.toString());
        assertNotNull(o.lastRref(), o.toString());
        assertEquals(pid, serverPid(home), "the same server");
        assertEquals(List.of(), Support.tmpEntries(home).stream().filter(Files::isDirectory).toList(), "the cancelled build left tmp/");
        Support.Result list = run(home, 120, "store:list", "example-sleep");
        assertTrue(list.out().contains(o.lastRref()) && list.out().lines().filter(l -> Support.RREF.matcher(l).find()).count() == 1,
                list.toString());
    }

    @Test
    void configurationFilesAndBundlesChangedBetweenCommandsTakeEffectInTheNext() throws Exception {
        Path home = home("server-config");
        assertEquals(0, run(home, 180, "stage:list").code());
        long pid = serverPid(home);
        Path other = Support.newHome("server-config-root");
        Path cfg = home.resolve("config/org.stagedml.store.cfg");
        Files.writeString(cfg, "root=" + other + "\n");
        Support.Result r = run(home, 120, "stage:realize", "example-hello", "greeting=elsewhere");
        assertEquals(0, r.code(), r.toString());
        Support.Result p = run(home, 60, "store:path", r.lastRref());
        assertTrue(p.out().strip().startsWith(other.toString()), "the .cfg written before the command applies: " + p);
        Files.delete(cfg);
        Support.Result back = run(home, 60, "store:path", r.lastRref());
        assertNotEquals(0, back.code(), "a deleted .cfg no longer applies: " + back);
        // a bundle dropped into bundles/ is there for the next command
        Path jar = home.resolve("bundles/org.stagedml.reliability.hot.jar");
        writeBundle(jar, "org.stagedml.reliability.hot");
        Support.Result lb = run(home, 60, "lb");
        assertTrue(lb.out().lines().anyMatch(l -> l.contains("Active") && l.contains("reliability.hot")), lb.toString());
        Files.delete(jar);
        Support.Result gone = run(home, 60, "lb");
        assertFalse(gone.out().contains("reliability.hot"), gone.toString());
        assertEquals(pid, serverPid(home), "one server throughout");
    }

    @Test
    void theClientsWorkingDirectoryResolvesRelativePaths() throws Exception {
        Path home = home("server-cwd");
        Support.Result r = run(home, 180, "stage:realize", "example-hello");
        assertEquals(0, r.code(), r.toString());
        Path cwd = Support.newHome("server-cwd-dir");
        ProcessBuilder pb = client(home, "store:export", r.lastRref(), "hello.tar");
        Support.Result e = Support.finish(pb.directory(cwd.toFile()).start(), 120);
        assertEquals(0, e.code(), e.toString());
        assertTrue(Files.size(cwd.resolve("hello.tar")) > 0, "the archive is written relative to the client's directory");
    }

    @Test
    void noServerRunsInProcessBesideARunningServer() throws Exception {
        Path home = home("server-none");
        ProcessBuilder pb = Support.stagedml(home, "stage:list");
        pb.environment().put("STAGEDML_NO_SERVER", "1");
        Support.Result r = Support.finish(pb.start(), 180);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("example-hello"));
        assertEquals(-1, serverPid(home), "STAGEDML_NO_SERVER=1 started no server");
        Support.Result s = run(home, 180, "stage:list");
        assertEquals(0, s.code());
        assertTrue(serverPid(home) > 0);
        Support.Result n = Support.finish(Support.stagedml(home, "--no-server", "stage:list").start(), 180);
        assertEquals(0, n.code(), n.toString());
        assertTrue(n.out().contains("example-hello"));
        assertEquals(0, run(home, 90, "--stop").code());
        assertEquals(-1, serverPid(home), "--stop stopped it");
    }

    @Test
    void theClientsStdinReachesACommandThatReadsItAndNoOtherAsksForIt() throws Exception {
        Path home = home("server-stdin");
        Process grep = client(home, "grep", "--color=never", "beta").start();
        try (OutputStream in = grep.getOutputStream()) {
            in.write("alpha\nbeta 1\ngamma\nbeta 2\n".getBytes(StandardCharsets.UTF_8));
        }
        Support.Result g = Support.finish(grep, 180);
        assertEquals(0, g.code(), g.toString());
        assertEquals(List.of("beta 1", "beta 2"), g.out().lines().toList(), g.toString());
        // a command that reads no input ends although the client's stdin stays open
        Process list = client(home, "stage:list").start();
        Support.Result l = Support.finish(list, 120);
        assertEquals(0, l.code(), l.toString());
        assertTrue(l.out().contains("example-hello"), l.toString());
        list.getOutputStream().close();
    }

    @Test
    void theClientsStagedmlVariablesAndExitCodesAreTheCommands() throws Exception {
        Path home = home("server-env");
        ProcessBuilder pb = client(home, "echo $STAGEDML_GREETING");
        pb.environment().put("STAGEDML_GREETING", "hello from the client");
        Support.Result r = Support.finish(pb.start(), 180);
        assertEquals(0, r.code(), r.toString());
        assertEquals("hello from the client", r.out().strip(), r.toString());
        Support.Result bad = run(home, 60, "stage:show", "no-such-stage");
        assertEquals(1, bad.code(), bad.toString());
        assertTrue(bad.err().contains("no-such-stage") && bad.out().isBlank(), "the error on stderr: " + bad);
    }

    @Test
    void outputIsStreamedWhileTheCommandRuns() throws Exception {
        Path home = home("server-stream");
        assertEquals(0, run(home, 180, "stage:list").code());
        Process p = client(home, "stage:realize", "example-sleep", "seconds=15", "tag=streamed").start();
        CompletableFuture<String> err = Support.drain(p.getErrorStream());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertNotNull(first, "no output: " + err);
            assertTrue(first.contains("started") && p.isAlive(), "the first line arrives while the build runs: " + first);
            String rest = out.lines().reduce("", (a, b) -> a + b + "\n");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), rest + err.join());
            assertTrue(Support.RREF.matcher(rest).find(), rest);
        }
    }

    private static void writeBundle(Path jar, String bsn) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "1.0.0");
        Path tmp = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream o = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(o, m)) {
            j.flush();
        }
        Files.move(tmp, jar); // File Install must not see a half-written jar
    }
}
