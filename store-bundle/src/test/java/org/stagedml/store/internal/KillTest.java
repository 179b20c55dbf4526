package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.store.VerifyReport;

/**
 * Kills a child JVM with SIGKILL at random points while it commits (and collects garbage), many
 * times, then checks the store: nothing left in tmp/ after the janitor, every visible realization
 * complete and verified, every visible derivation readable.
 */
class KillTest {
    /**
     * How many kills, within a time cap that only a machine too busy to start JVMs reaches; longer
     * runs: -Dstagedml.killtest.kills=1000 -Dstagedml.killtest.seconds=1200.
     */
    private static final int KILLS = Integer.getInteger("stagedml.killtest.kills", 30);
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("stagedml.killtest.seconds", 240));

    @TempDir
    Path root;

    @Test
    void aCommitKilledAtAnyPointLeavesNothingOrACompleteRealization() throws Exception {
        Random random = new Random(42);
        long end = System.nanoTime() + BUDGET_NANOS;
        int kills = 0;
        int killedMidBuild = 0;
        AtomicInteger commits = new AtomicInteger();
        while (System.nanoTime() < end && kills < KILLS) {
            Process child = ChildJvm.start(CommitLoopChild.class, root.toString(), Long.toString(random.nextLong()));
            try (BufferedReader out = ChildJvm.awaitLine(child, "started")) {
                // counts the child's commits until the kill closes its output (a lower bound)
                Thread counter = new Thread(() -> {
                    try {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.equals("committed")) {
                                commits.incrementAndGet();
                            }
                        }
                    } catch (IOException closedByTheKill) {
                        // done
                    }
                });
                counter.start();
                try {
                    Thread.sleep(random.nextInt(250));
                    assertTrue(child.isAlive(), "the child died on its own");
                } finally {
                    child.destroyForcibly().waitFor();
                    counter.join(5000);
                }
            }
            kills++;
            try (var left = Files.list(root.resolve("tmp"))) {
                if (left.anyMatch(p -> !p.getFileName().toString().endsWith(".lock"))) {
                    killedMidBuild++; // the next child's janitor removes it
                }
            }
        }
        FileStore store = new FileStore(root); // runs the janitor
        assertEquals(List.of(), Files.list(root.resolve("tmp")).toList(), "tmp/ after the janitor");
        int realizations = 0;
        for (DRef d : store.derivations()) {
            assertEquals(d, store.derivation(d).orElseThrow().dref());
            for (RealizationInfo info : store.realizations(d)) {
                realizations++;
                Path dir = info.path();
                assertTrue(Files.isRegularFile(dir.resolve("context.json")), info.rref() + " has its context");
                assertTrue(Files.isRegularFile(dir.resolve("_meta/meta.json")), info.rref() + " has its metadata");
                assertTrue(Files.isRegularFile(dir.resolve("_meta/manifest.json")), info.rref() + " has its manifest");
                if (d.name().equals("step")) {
                    assertTrue(Files.isExecutable(dir.resolve("tool.sh")));
                    assertTrue(info.metric("accuracy").isPresent());
                }
            }
        }
        VerifyReport report = store.verify(List.<RRef>of());
        System.out.printf("kill test: %d kills (%d inside a build), %d commits, %d derivations, %d realizations,"
                + " verify checked %d%n", kills, killedMidBuild, commits.get(), store.derivations().size(), realizations,
                report.checked());
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(KILLS, kills, "kills within the time cap (a machine too busy to start JVMs?)");
        // the test proves something only if kills landed inside builds, between commits
        assertTrue(killedMidBuild > 0, "no kill landed inside a build");
        assertTrue(commits.get() > 0, "the children never committed");
    }
}
