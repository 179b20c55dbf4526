package org.stagedml.runtime.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.runtime.StagedML;

/** Runs the example host application against the distribution's bundles, as a host would. */
class HostAppTest {
    private static final Path BUNDLES = Path.of(System.getProperty("stagedml.bundles",
            "../../distribution/target/stagedml/bundle"));
    private static final Pattern RESULT = Pattern.compile("result (rref:\\S+)");

    @TempDir
    Path home;

    @Test
    void theHostApplicationRealizesAStageAndTheSecondRunIsServedFromTheStore() throws Exception {
        String first = run("example-chain", "depth=6");
        Matcher m1 = RESULT.matcher(first);
        assertTrue(m1.find(), first);
        assertTrue(first.contains("event FINISHED example-chain"), first);
        Path path = Path.of(first.lines().filter(l -> l.startsWith("path ")).findFirst().orElseThrow().substring(5));
        assertTrue(Files.isDirectory(path), "no realization folder at " + path);

        String second = run("example-chain", "depth=6");
        Matcher m2 = RESULT.matcher(second);
        assertTrue(m2.find(), second);
        assertEquals(m1.group(1), m2.group(1));
        assertTrue(second.contains("event CACHED example-chain") && !second.contains("event STARTED"), second);
    }

    @Test
    void theFacadeIsTypedAndClosesWithoutLeavingThreads() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        List<RealizeEvent> events = new ArrayList<>();
        try (StagedML sml = StagedML.builder().platformBundles(BUNDLES).home(home).cache(home.resolve("cache")).start();
                AutoCloseable sub = sml.subscribe(events::add)) {
            assertTrue(sml.startFailures().isEmpty(), sml.startFailures().toString());
            assertTrue(sml.stages().stream().anyMatch(s -> s.name().equals("example-hello")));
            List<RRef> rrefs = sml.realize("example-hello", Map.of("greeting", "hi from a host"));
            assertEquals(1, rrefs.size());
            assertEquals("hi from a host", Files.readString(sml.path(rrefs.get(0)).resolve("hello.txt")).trim());
            synchronized (events) {
                assertTrue(events.stream().anyMatch(e -> e.type() == RealizeEvent.Type.FINISHED), events.toString());
            }
        }
        Thread.sleep(500);
        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(before);
        assertTrue(left.isEmpty(), "threads left after close: " + left);
    }

    @Test
    void aHostHoldsABuildAtABreakPointAndItsEditIsCommittedMarked() throws Exception {
        try (StagedML sml = StagedML.builder().platformBundles(BUNDLES).home(home).cache(home.resolve("cache")).start()) {
            BlockingQueue<PausedBuild> paused = new LinkedBlockingQueue<>();
            RealizeJob job = sml.submitWithBreaks("example-hello", Map.of("greeting", "held"),
                    new BreakPoints(Set.of("example-hello"), false, Set.of(), paused::add));
            PausedBuild p = paused.poll(120, TimeUnit.SECONDS);
            assertNotNull(p, "the build never paused");
            assertEquals("held", Files.readString(p.out().resolve("hello.txt")).trim());
            Files.writeString(p.out().resolve("note.txt"), "from the host\n");
            p.proceed();
            RRef r = job.await().get(0);
            assertEquals("from the host", Files.readString(sml.path(r).resolve("note.txt")).trim());
            assertTrue(sml.store().notes(r).containsKey(PausedBuild.TOUCHED_NOTE), sml.store().notes(r).toString());
        }
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HostApp.class.getName(),
                BUNDLES.toString(), home.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "host application did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
