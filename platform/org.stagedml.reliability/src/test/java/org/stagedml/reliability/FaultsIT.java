package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/** A full disk during builds and commits (a 2 MiB tmpfs), and a read-only store (a read-only bind mount). */
class FaultsIT {
    @Test
    void fullDiskFailsCleanly() throws Exception {
        Path root = Support.newHome("fulldisk");
        Mounts.mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", root.toString());
        try {
            FileStore store = new FileStore(root);
            StageRegistry registry = new StageRegistry();
            registry.add(new org.stagedml.model.examples.internal.ChainStage(), "org.stagedml.model.examples", "0.1.0");
            registry.add(new NestedStage(), "org.stagedml.reliability", "0.1.0");
            List<String> outcomes = new ArrayList<>();
            int failed = 0;
            int built = 0;
            try (DefaultRealizer realizer = new DefaultRealizer(store, registry, new RealizerSettings(1, 0))) {
                realizer.realize(realizer.instantiate("example-chain", Map.of("depth", 3)), RealizeOptions.defaults());
                Path filler = root.resolve("filler");
                fill(filler);
                for (int step = 0; step < 40 && built < 2; step++) {
                    shrink(filler, 12288); // a little more room each step: fails at every stage of a build and commit
                    int before = store.realizationsOf("reliability-nested").size();
                    try {
                        realizer.realize(realizer.instantiate("reliability-nested", Map.of("n", 2 + built)), RealizeOptions.defaults());
                        built++;
                        outcomes.add("step " + step + ": built");
                    } catch (RuntimeException e) {
                        failed++;
                        String msg = String.valueOf(e.getMessage());
                        outcomes.add("step " + step + " (free " + Files.getFileStore(root).getUsableSpace() + "): "
                                + e.getClass().getSimpleName() + ": " + msg);
                        assertEquals(1, msg.lines().count(), "not one line: " + msg);
                        assertTrue(msg.contains("No space left") || msg.toLowerCase().contains("space"), "unclear: " + msg);
                        assertEquals(before, store.realizationsOf("reliability-nested").size(), "a failed build committed");
                        assertEquals(List.of(), Support.tmpEntries(root).stream().filter(Files::isDirectory).toList(),
                                "a failed build left its folder in tmp/");
                    }
                    assertTrue(store.verify(List.of()).ok(), "step " + step + ": " + store.verify(List.of()).problems());
                }
            }
            System.out.println("RELIABILITY full-disk (2 MiB tmpfs): failed=" + failed + " built=" + built);
            outcomes.forEach(o -> System.out.println("  " + (o.length() > 220 ? o.substring(0, 220) + "..." : o)));
            assertTrue(failed > 0, "the disk never filled: " + outcomes);
            assertTrue(built > 0, "never built once space was freed: " + outcomes);
        } finally {
            if (Boolean.getBoolean("reliability.keepTmpfs")) {
                return;
            }
            Mounts.umount(root);
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream o = Files.newOutputStream(filler)) {
            while (true) {
                o.write(chunk);
            }
        } catch (IOException e) {
            // the disk is full
        }
    }

    private static void shrink(Path filler, long bytes) throws IOException {
        try (FileChannel c = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            c.truncate(Math.max(0, c.size() - bytes));
        }
    }

    @Test
    void readOnlyStoreRefusesToBuildButServesReads() throws Exception {
        Path home = Support.newHome("readonly");
        Support.Result first = Support.run(home, 120, "stage:realize", "example-chain", "depth=3");
        assertEquals(0, first.code(), first.toString());
        Map<String, String> before = Support.snapshot(home, "logs", "locks", "config", "cache");
        Mounts.mount("--bind", home.toString(), home.toString());
        try {
            Mounts.mount("-o", "remount,bind,ro", home.toString());
            assertFalse(Files.isWritable(home) && canCreate(home), "the bind mount is not read-only");
            Support.Result r = Support.run(home, 120, "stage:realize", "example-chain", "depth=5");
            assertNotEquals(0, r.code(), r.toString());
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.err().contains("Read-only file system"), r.toString());
            Support.Result v = Support.run(home, 120, "store:verify");
            assertEquals(0, v.code(), v.toString());
            Support.Result again = Support.run(home, 120, "stage:realize", "example-chain", "depth=3");
            assertEquals(0, again.code(), again.toString());
            assertEquals(first.lastRref(), again.lastRref());
            assertEquals(before, Support.snapshot(home, "logs", "locks", "config", "cache"));
            System.out.println("RELIABILITY read-only store: realize of a new derivation -> exit " + r.code() + ": "
                    + r.errLines().get(0));
            System.out.println("RELIABILITY read-only store: store:verify ok, realize of a stored derivation answers from the store");
        } finally {
            Mounts.umount(home);
        }
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
