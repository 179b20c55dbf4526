package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.store.VerifyReport;

/**
 * A simulated power cut: the store on a fresh ext4 filesystem on a loop device; a child JVM
 * commits and roots for a few seconds; then the filesystem is shut down the way xfstests
 * simulates a crash ({@code EXT4_IOC_SHUTDOWN} with {@code EXT4_GOING_FLAGS_NOLOGFLUSH}: whatever
 * is not yet in the journal on the device is lost, as when the power goes), unmounted and mounted
 * again (journal replay). With fsync every commit and root the child saw return must be there and
 * verify; without fsync the same run loses or damages acknowledged commits (this shows that the
 * simulation does drop unsynced writes).
 *
 * <p>Needs root, {@code losetup}, {@code mkfs.ext4} and {@code python3} (for the ioctl); not run
 * by default: {@code mvn -o -B test -pl store-bundle -Dtest=PowerCutTest -Dstagedml.powercut=true}.
 * (device-mapper's dm-flakey or dm-log-writes would do the same at the block layer, where the
 * kernel has them.)
 */
class PowerCutTest {
    private static final long RUN_MILLIS = Long.getLong("stagedml.powercut.millis", 8000);

    @TempDir
    Path tmp;

    /**
     * @param acknowledged commits the child saw return
     * @param lost of those, missing after the cut
     * @param damaged of those, present but unreadable or failing verify
     * @param rootsWrong roots the child saw set that are missing or point elsewhere
     * @param problems what a verify of the whole store reports (also work in flight at the cut)
     * @param note why the store could not be checked at all
     */
    record Outcome(int acknowledged, int lost, int damaged, int rootsWrong, int problems, String note) {
    }

    @Test
    void withFsyncEveryAcknowledgedCommitAndRootSurvivesAPowerCut() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("stagedml.powercut"), "set -Dstagedml.powercut=true to run it");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (loop device, mount)");
        long seed = Long.getLong("stagedml.powercut.seed", 1);
        Outcome on = run(true, seed);
        Outcome off = run(false, seed);
        System.out.println("RELIABILITY power cut, fsync on:  " + on);
        System.out.println("RELIABILITY power cut, fsync off: " + off);
        assertTrue(on.acknowledged() > 0, on.toString());
        assertEquals(new Outcome(on.acknowledged(), 0, 0, 0, 0, ""), on);
        assertTrue(off.lost() + off.damaged() + off.rootsWrong() > 0 || !off.note().isEmpty(),
                "without fsync the simulation should lose something: " + off);
    }

    private Outcome run(boolean fsync, long seed) throws Exception {
        Path image = tmp.resolve("fs-" + fsync + ".img");
        Path mount = Files.createDirectories(tmp.resolve("mnt-" + fsync));
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(256L << 20); // sparse
        }
        String loop = sh("losetup", "-f", "--show", image.toString()).trim();
        Assumptions.assumeTrue(loop.startsWith("/dev/loop"), "losetup printed no loop device: " + loop);
        try {
            sh("mkfs.ext4", "-q", loop);
            sh("mount", loop, mount.toString());
            Path root = Files.createDirectories(mount.resolve("home"));
            sh("sync"); // the empty filesystem and the store's folder are on the device before the run
            Map<String, Ref> roots = new LinkedHashMap<>();
            Set<RRef> acknowledged = new LinkedHashSet<>();
            Process child = ChildJvm.start(PowerCutChild.class, root.toString(), Boolean.toString(fsync), Long.toString(seed));
            try (BufferedReader out = ChildJvm.awaitLine(child, "started")) {
                Thread reader = new Thread(() -> read(out, acknowledged, roots));
                reader.start();
                Thread.sleep(RUN_MILLIS);
                // the power cut: from here nothing more reaches the device
                sh("python3", "-c", "import fcntl,os,struct,sys; fd=os.open(sys.argv[1],os.O_RDONLY);"
                        + " fcntl.ioctl(fd, 0x8004587D, struct.pack('I', 2))", mount.toString());
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                reader.join(10_000);
            }
            sh("umount", mount.toString());
            sh("mount", loop, mount.toString()); // replays the journal
            return check(root, acknowledged, roots);
        } finally {
            run("umount", mount.toString());
            run("losetup", "-d", loop);
        }
    }

    private static void read(BufferedReader out, Set<RRef> acknowledged, Map<String, Ref> roots) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] w = line.split(" ");
                synchronized (acknowledged) {
                    if (w[0].equals("committed")) {
                        acknowledged.add(RRef.parse(w[1]));
                    } else if (w[0].equals("rooted")) {
                        roots.put(w[1], Ref.parse(w[2]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child died with the filesystem
        }
    }

    private static Outcome check(Path root, Set<RRef> acknowledged, Map<String, Ref> roots) {
        synchronized (acknowledged) {
            FileStore store;
            try {
                store = new FileStore(root);
            } catch (RuntimeException e) {
                return new Outcome(acknowledged.size(), acknowledged.size(), 0, roots.size(), 1, "store unreadable: " + e.getMessage());
            }
            int lost = 0;
            int unreadable = 0;
            List<RRef> present = new ArrayList<>();
            for (RRef r : acknowledged) {
                try {
                    if (store.realization(r).isPresent()) {
                        present.add(r);
                    } else {
                        lost++;
                    }
                } catch (RuntimeException e) { // e.g. a context.json full of zeros
                    unreadable++;
                }
            }
            int damaged = unreadable;
            try {
                if (!present.isEmpty()) {
                    VerifyReport report = store.verify(present);
                    damaged += (int) report.realizationProblems().stream().map(VerifyReport.Problem::rref).distinct().count();
                }
            } catch (IOException | RuntimeException e) {
                return new Outcome(acknowledged.size(), lost, present.size() + unreadable, roots.size(), 1,
                        "verify failed: " + e.getMessage());
            }
            Map<String, Ref> after = store.roots();
            int rootsWrong = 0;
            for (Map.Entry<String, Ref> e : roots.entrySet()) {
                if (!e.getValue().equals(after.get(e.getKey()))) {
                    rootsWrong++;
                }
            }
            int problems;
            try {
                problems = store.verify(List.of()).problems().size();
            } catch (IOException | RuntimeException e) {
                problems = -1; // verify itself failed on what the cut left
            }
            return new Outcome(acknowledged.size(), lost, damaged, rootsWrong, problems, "");
        }
    }

    /** Runs a command; its standard output, or the test is aborted (not failed) with the command's error. */
    private static String sh(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("powercut", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                Assumptions.abort(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + (out + Files.readString(err)).trim());
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // cleanup only
        }
    }
}
