package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.store.VerifyReport;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.store.internal.FileStore;

/**
 * SIGKILL of the realizing JVM at random moments: the store always verifies, no partial
 * realization is ever visible, and the next realize completes.
 */
class SigkillIT {
    @Test
    void randomKillsOfChildJvmsLeaveAVerifiableStore() throws Exception {
        int trials = Integer.getInteger("reliability.killTrials", 50);
        long seed = Long.getLong("reliability.seed", 0L);
        if (seed == 0) {
            seed = System.nanoTime();
        }
        Random rnd = new Random(seed);
        Path root = Support.newHome("sigkill");
        int insideBuild = 0;
        int realizationsSeen = 0;
        long t0 = System.nanoTime();
        for (int trial = 0; trial < trials; trial++) {
            Process child = Support.childJvm(KillChild.class, root.toString(), "t" + trial);
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder seen = new StringBuilder();
                    for (String l; (l = in.readLine()) != null; ) {
                        if (l.equals("READY")) {
                            return "READY";
                        }
                        seen.append(l).append('\n');
                    }
                    return seen.toString();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            String r = ready.get(60, TimeUnit.SECONDS);
            assertEquals("READY", r, "the child did not start: " + r);
            CompletableFuture.runAsync(() -> {
                try {
                    in.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException e) {
                    // killed
                }
            });
            Thread.sleep(rnd.nextInt(700));
            boolean building = hasBuildInProgress(root);
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            if (building) {
                insideBuild++;
            }
            // what the next process sees: a store that verifies completely, nothing partial in store-v1
            FileStore store = new FileStore(root);
            VerifyReport report = store.verify(List.of());
            assertTrue(report.ok(), "trial " + trial + " (seed " + seed + "): store does not verify: " + report.problems());
            assertEquals(realizationFolders(root), report.checked(),
                    "trial " + trial + ": a folder in store-v1 is not a realization verify knows");
            realizationsSeen = report.checked();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the next realize completes, reusing what the killed processes committed
        FileStore store = new FileStore(root);
        try (DefaultRealizer realizer = Support.realizer(store)) {
            List<RRef> chain = realizer.realize(realizer.instantiate("example-chain", Map.of("depth", 40)), RealizeOptions.defaults());
            assertEquals(1, chain.size());
            assertEquals(fib(40), Files.readString(store.path(chain.get(0)).resolve("value.txt")).trim());
            realizer.realize(realizer.instantiate("example-sleep", Map.of("seconds", 0.05, "tag", "after")), RealizeOptions.defaults());
        }
        assertTrue(store.verify(List.of()).ok());
        System.out.printf("RELIABILITY sigkill-child-jvm: trials=%d killsInsideBuild=%d killsOutsideBuild=%d "
                + "realizationsAtEnd=%d seconds=%.1f seed=%d%n", trials, insideBuild, trials - insideBuild,
                realizationsSeen, seconds, seed);
        assertTrue(insideBuild > 0, "no kill landed inside a build: the trial timing is wrong");
    }

    @Test
    void killsOfRealLaunchers() throws Exception {
        Path root = Support.newHome("sigkill-cli");
        Random rnd = new Random();
        int trials = 3;
        int inside = 0;
        for (int trial = 0; trial < trials; trial++) {
            // a deep DAG of quick builds, then a 3 s sleep (a kill that surely lands inside a build)
            String[] command = trial == 1 ? new String[] {"stage:realize", "example-sleep", "seconds=3", "tag=cli"}
                    : new String[] {"stage:realize", "example-chain", "depth=" + (30 + 10 * trial)};
            Process p = Support.stagedml(root, command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (!hasBuildInProgress(root) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(rnd.nextInt(trial == 1 ? 1000 : 30));
            if (hasBuildInProgress(root)) {
                inside++;
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            VerifyReport report = new FileStore(root).verify(List.of());
            assertTrue(report.ok(), "launcher trial " + trial + ": " + report.problems());
            assertEquals(realizationFolders(root), report.checked());
        }
        Support.Result r = Support.run(root, 120, "stage:realize", "example-chain", "depth=50");
        assertEquals(0, r.code(), r.toString());
        Support.Result v = Support.run(root, 120, "store:verify");
        assertEquals(0, v.code(), v.toString());
        System.out.printf("RELIABILITY sigkill-launcher: trials=%d killsInsideBuild=%d, all verified, next realize ok%n",
                trials, inside);
    }

    /** A build folder under tmp/ (what a build in flight holds). */
    static boolean hasBuildInProgress(Path root) throws java.io.IOException {
        return Support.tmpEntries(root).stream().anyMatch(Files::isDirectory);
    }

    static int realizationFolders(Path root) throws java.io.IOException {
        Path s = root.resolve("store-v1");
        if (!Files.isDirectory(s)) {
            return 0;
        }
        try (Stream<Path> d = Files.list(s)) {
            int n = 0;
            for (Path drv : d.filter(Files::isDirectory).toList()) {
                try (Stream<Path> r = Files.list(drv)) {
                    n += (int) r.filter(Files::isDirectory).count();
                }
            }
            return n;
        }
    }

    static String fib(int n) {
        java.math.BigInteger a = java.math.BigInteger.ZERO;
        java.math.BigInteger b = java.math.BigInteger.ONE;
        java.math.BigInteger m = java.math.BigInteger.valueOf(1_000_000_007L);
        for (int i = 0; i < n; i++) {
            java.math.BigInteger t = a.add(b).mod(m);
            a = b;
            b = t;
        }
        return a.toString();
    }
}
