package org.stagedml.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * bin/stagedml as a user runs it: one command line per process (through the home's StagedML
 * server, one test without it), exit codes, errors on stderr.
 */
public class CommandLineIT {
    private static final Pattern RREF = Pattern.compile("rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+");
    private static Path launcher;
    private static Path home;

    private record Result(int code, String out, String err) {
    }

    @BeforeClass
    public static void locate() throws IOException {
        launcher = DistributionBundles.dir().resolveSibling("bin").resolve("stagedml");
        assertTrue("no launcher at " + launcher + " (build the distribution first)", Files.isExecutable(launcher));
        home = Files.createTempDirectory("stagedml-cli-it");
    }

    /** These commands run through the home's StagedML server (started by the first); it stops with the class. */
    @AfterClass
    public static void stopServer() throws Exception {
        run("--stop");
    }

    @Test
    public void oneCommandAlsoRunsWithoutTheServer() throws Exception {
        Result r = run("--no-server", "stage:list");
        assertEquals(r.err(), 0, r.code());
        assertTrue(r.out(), r.out().contains("example-hello"));
    }

    private static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STAGEDML_HOME", home.toString());
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue("timed out: " + cmd, p.waitFor(300, TimeUnit.SECONDS));
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    public void everyBundleIsActive() throws Exception {
        Result r = run("lb");
        assertEquals(r.err(), 0, r.code());
        assertTrue(r.out(), r.out().contains("|Active"));
        assertFalse(r.out(), r.out().matches("(?s).*\\|(Installed|Resolved|Starting).*"));
    }

    @Test
    public void anUnknownCommandFailsWithAClearMessage() throws Exception {
        Result r = run("no-such-command");
        assertNotEquals(0, r.code());
        assertTrue(r.err(), r.err().contains("no-such-command"));
        assertEquals("one line on stderr: " + r.err(), 1, r.err().strip().lines().count());
    }

    @Test
    public void aBadOverrideFailsWithOneLine() throws Exception {
        Result r = run("stage:realize", "example-chain", "depth=deep");
        assertNotEquals(0, r.code());
        assertTrue(r.err(), r.err().contains("depth"));
        assertEquals("one line on stderr: " + r.err(), 1, r.err().strip().lines().count());
    }

    @Test
    public void aRealizationIsReusedByTheNextProcess() throws Exception {
        Result first = run("stage:realize", "example-hello", "greeting=from the command line");
        assertEquals(first.err(), 0, first.code());
        Result second = run("stage:realize", "example-hello", "greeting=from the command line");
        assertEquals(second.err(), 0, second.code());
        assertEquals(lastRref(first.out()), lastRref(second.out()));
        Result path = run("store:path", lastRref(first.out()));
        String folder = path.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("from the command line", Files.readString(Path.of(folder, "hello.txt")).strip());
    }

    @Test
    public void theEnginesReportTheirDevices() throws Exception {
        Result r = run("stage:engines");
        assertEquals(r.err(), 0, r.code());
        assertTrue(r.out(), r.out().contains("TensorFlow") && r.out().contains("ND4J") && r.out().contains("CPU"));
    }

    @Test
    public void helpDescribesTheHyphenatedCommands() throws Exception {
        for (String c : new String[] {"store:root-add", "store:root-rm"}) {
            Result r = run("help", c);
            assertEquals(r.err(), 0, r.code());
            assertTrue(r.out(), r.out().contains(c.substring(6) + " - ") && r.out().contains("parameters:"));
        }
        Result all = run("help");
        assertTrue(all.out(), all.out().contains("store:root-add") && all.out().contains("felix:lb"));
    }

    @Test
    public void theLogIsShownByLogAndKeptInTheHome() throws Exception {
        Result r = run("log 200 info");
        assertEquals(r.err(), 0, r.code());
        assertTrue(r.out(), r.out().contains("BundleEvent STARTED"));
        Path file = home.resolve("logs").resolve("stagedml.log");
        assertTrue("no " + file, Files.isRegularFile(file));
        assertFalse("framework events stay out of the file", Files.readString(file).contains("BundleEvent STARTED"));
    }

    private static String lastRref(String out) {
        Matcher m = RREF.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        assertTrue("no rref in:\n" + out, last != null);
        return last;
    }

    @Test
    public void aSweepStoppedAsByCtrlCLeavesNoRootOfItsOwn() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "stage:sweep", "example-sleep", "seconds=0,60", "tag=cli-cancel",
                "--metric", "x");
        pb.environment().put("STAGEDML_HOME", home.toString());
        Path out = Files.createTempFile("out", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectErrorStream(true).start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.readString(out).contains("[1/2]") && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // until the quick configuration has ended (and its root is set)
        }
        assertTrue(Files.readString(out), Files.readString(out).contains("[1/2]"));
        p.destroy(); // SIGTERM: the JVM's shutdown hooks run as on Ctrl-C's SIGINT
        assertTrue("the sweep did not stop", p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.readString(out), Files.readString(out).contains("cancelled"));
        Result roots = run("store:roots");
        assertEquals(roots.err(), 0, roots.code());
        assertFalse(roots.out(), roots.out().contains("sweep-example-sleep"));
    }
}
