package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stagedml.api.store.CheckpointInfo;
import org.stagedml.store.internal.FileStore;

/**
 * Resumable builds through bin/stagedml (one JVM per command, no server): a realizing JVM killed
 * with SIGKILL in the middle of {@code example-steps} leaves a checkpoint and no realization; the
 * next realize resumes from it (store:show says from which step) and ends with the same RRef as an
 * uninterrupted run; a corrupted checkpoint is ignored with a warning; gc and --fresh delete
 * checkpoints.
 */
class ResumeIT {
    private static final String[] STEPS = {"example-steps", "steps=14", "seconds=0.4", "tag=resume-it"};
    private static final Pattern RESUMED = Pattern.compile("resumed from step (\\d+)");

    private static Support.Result realize(Path home, String... extra) throws Exception {
        String[] args = new String[1 + STEPS.length + extra.length];
        args[0] = "stage:realize";
        System.arraycopy(STEPS, 0, args, 1, STEPS.length);
        System.arraycopy(extra, 0, args, 1 + STEPS.length, extra.length);
        ProcessBuilder pb = Support.stagedml(home, args);
        pb.environment().put("STAGEDML_NO_SERVER", "1");
        Support.Result r = Support.finish(pb.start(), 300);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    /** Starts a realize, waits until a checkpoint after at least 3 steps exists, then SIGKILLs the JVM. */
    private static CheckpointInfo killMidway(Path home) throws Exception {
        ProcessBuilder pb = Support.stagedml(home, prepend("stage:realize", STEPS));
        pb.environment().put("STAGEDML_NO_SERVER", "1");
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.currentTimeMillis() + 120_000;
        // the store may not exist yet when the JVM starts: look at the files, opening no store
        while (savedStep(home) < 3) {
            assertTrue(p.isAlive(), "the realize ended before it could be killed");
            assertTrue(System.currentTimeMillis() < end, "no checkpoint after 3 steps within 120 s");
            Thread.sleep(100);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<CheckpointInfo> left = new FileStore(home).checkpoints();
        assertEquals(1, left.size(), "the killed build keeps one checkpoint");
        return left.get(0);
    }

    /** The highest step a sealed checkpoint under the home's checkpoints/ holds (0: none yet). */
    private static long savedStep(Path home) throws Exception {
        Path top = home.resolve("checkpoints");
        if (!Files.isDirectory(top)) {
            return 0;
        }
        long best = 0;
        try (var files = Files.walk(top)) {
            // sealed checkpoints only: a save in progress (.partial-*) holds the next step before its rename
            for (Path f : files.filter(x -> x.getFileName().toString().equals("state.json")
                    && x.getParent().getParent().getFileName().toString().startsWith("ckpt-")).toList()) {
                try {
                    Matcher m = Pattern.compile("\"step\"\\s*:\\s*(\\d+)").matcher(Files.readString(f));
                    best = m.find() ? Math.max(best, Long.parseLong(m.group(1))) : best;
                } catch (java.io.IOException e) {
                    // replaced by a newer checkpoint meanwhile
                }
            }
        } catch (java.io.UncheckedIOException e) {
            return best; // a folder vanished during the walk: look again
        }
        return best;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    @Test
    void aKilledBuildResumesAndEndsAsAnUninterruptedOne() throws Exception {
        String expected = realize(Support.newHome("resume-clean")).lastRref();
        assertNotNull(expected);

        Path home = Support.newHome("resume");
        killMidway(home);
        FileStore store = new FileStore(home);
        assertTrue(store.realizationsOf("example-steps").isEmpty(), "the killed build left a realization");
        assertTrue(store.verify(List.of()).ok(), "the store does not verify after the kill");
        assertEquals(1, store.checkpoints().size(), "the checkpoint survives the kill");

        Support.Result again = realize(home);
        assertEquals(expected, again.lastRref(), "the resumed build must give the uninterrupted RRef");
        Support.Result show = Support.run(home, 120, "store:show", again.lastRref());
        Matcher m = RESUMED.matcher(show.out());
        assertTrue(m.find(), "store:show does not say where it resumed:\n" + show);
        assertTrue(Long.parseLong(m.group(1)) >= 3, show.out());
        assertTrue(new FileStore(home).checkpoints().isEmpty(), "the commit deletes the checkpoint");
        assertTrue(new FileStore(home).verify(List.of()).ok());
    }

    @Test
    void aCorruptedCheckpointIsIgnoredWithAWarning() throws Exception {
        Path clean = Support.newHome("resume-clean");
        String expected = realize(clean).lastRref();
        Path home = Support.newHome("resume-corrupt");
        CheckpointInfo c = killMidway(home);
        c = new FileStore(home).checkpoints().get(0);
        Files.writeString(c.folder().resolve("state.json"), "{\"step\": 13, \"value\": \"forged\"}");
        Support.Result again = realize(home);
        assertEquals(expected, again.lastRref(), "a corrupted checkpoint must never be used");
        Support.Result log = Support.run(home, 120, "store:log", again.lastRref());
        assertTrue(log.out().contains("corrupted"), "no warning in the build log:\n" + log);
        assertFalse(RESUMED.matcher(Support.run(home, 120, "store:show", again.lastRref()).out()).find());
    }

    @Test
    void gcAndFreshDeleteCheckpoints() throws Exception {
        Path home = Support.newHome("resume-gc");
        killMidway(home);
        Support.Result dry = Support.run(home, 120, "store:gc", "--dry-run");
        assertTrue(dry.out().contains("would remove checkpoint of"), dry.toString());
        assertEquals(1, new FileStore(home).checkpoints().size());
        Support.Result gc = Support.run(home, 120, "store:gc");
        assertTrue(gc.out().contains("removed checkpoint of"), gc.toString());
        assertTrue(new FileStore(home).checkpoints().isEmpty());

        killMidway(home);
        Support.Result fresh = realize(home, "--fresh");
        assertFalse(RESUMED.matcher(Support.run(home, 120, "store:show", fresh.lastRref()).out()).find(),
                "--fresh must start from zero");
        assertTrue(new FileStore(home).checkpoints().isEmpty());
    }
}
