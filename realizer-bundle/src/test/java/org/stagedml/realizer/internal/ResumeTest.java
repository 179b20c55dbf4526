package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.store.CheckpointInfo;
import org.stagedml.model.examples.internal.StepsStage;

/**
 * Resumable builds with the real store: example-steps cancelled in the middle leaves a checkpoint
 * and no realization; the next realize resumes from it (noted in the metadata), ends with the same
 * RRef as an uninterrupted run, and deletes the checkpoint; a corrupted checkpoint is ignored with
 * a warning; --fresh and gc delete checkpoints.
 */
class ResumeTest {
    private static final Map<String, Object> CONFIG = Map.of("steps", 8, "seconds", 0.15, "tag", "t");

    @TempDir
    Path tmp;

    private static Fixture fixture(Path root) {
        Fixture f = new Fixture(root);
        f.registry.add(new StepsStage(), "org.stagedml.model.examples", "0.1.0");
        return f;
    }

    /** Starts a realize and cancels it once a checkpoint after at least {@code steps} steps is saved. */
    private static DRef cancelAfter(Fixture f, int steps) throws Exception {
        RealizeJob job = f.realizer.submit(f.instantiate(StepsStage.NAME, CONFIG), RealizeOptions.defaults());
        DRef d = job.closure().target();
        long end = System.currentTimeMillis() + 30_000;
        while (savedSteps(f, d) < steps) {
            assertTrue(System.currentTimeMillis() < end, "no checkpoint after " + steps + " steps in 30 s");
            assertFalse(job.isDone(), "the build ended before it could be cancelled");
            Thread.sleep(20);
        }
        job.cancel();
        assertThrows(CancelledException.class, job::await);
        return d;
    }

    private static long savedSteps(Fixture f, DRef d) throws Exception {
        for (CheckpointInfo c : f.store.checkpoints()) {
            if (c.dref().equals(d)) {
                try {
                    return com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                            .readTree(c.folder().resolve("state.json").toFile()).path("step").asLong();
                } catch (java.io.FileNotFoundException superseded) {
                    return 0; // a newer checkpoint replaced this one after the listing: look again
                }
            }
        }
        return 0;
    }

    /**
     * Every sealed checkpoint folder ({@code ckpt-*}) of the one area in the store. Usually one; but a
     * cancel can interrupt a save after it sealed the new checkpoint and before it deleted the older
     * one, and a build then (rightly) goes on from the older when the newer is broken: tests that break
     * the checkpoint break them all.
     */
    private static List<Path> sealedCheckpoints(Fixture f) throws Exception {
        Path area = f.store.checkpoints().get(0).folder().getParent().getParent();
        try (var s = Files.list(area)) {
            return s.filter(p -> p.getFileName().toString().startsWith("ckpt-")).sorted(java.util.Comparator.reverseOrder()).toList();
        }
    }

    private RRef uninterrupted() throws Exception {
        try (Fixture clean = fixture(tmp.resolve("clean"))) {
            RRef r = clean.realizeOne(StepsStage.NAME, CONFIG);
            assertNull(clean.store.notes(r).get(Checkpoint.RESUMED_FROM));
            return r;
        }
    }

    @Test
    void aCancelledBuildResumesFromItsCheckpointAndEndsWithTheSameRRef() throws Exception {
        RRef expected = uninterrupted();
        try (Fixture f = fixture(tmp.resolve("s"))) {
            DRef d = cancelAfter(f, 3);
            assertTrue(f.store.realizations(d).isEmpty(), "a cancelled build left a realization");
            assertEquals(1, f.store.checkpoints().size(), "the checkpoint survives the build");
            RRef r = f.realizeOne(StepsStage.NAME, CONFIG);
            assertEquals(expected, r);
            String from = f.store.notes(r).get(Checkpoint.RESUMED_FROM);
            assertTrue(from != null && from.matches("step [1-9][0-9]*"), "resumed from: " + from);
            assertTrue(f.store.checkpoints().isEmpty(), "the commit deletes the checkpoint");
            assertTrue(f.store.verify(List.of()).ok());
        }
    }

    @Test
    void aCorruptedCheckpointIsIgnoredWithAWarning() throws Exception {
        RRef expected = uninterrupted();
        try (Fixture f = fixture(tmp.resolve("s"))) {
            DRef d = cancelAfter(f, 2);
            for (Path ckpt : sealedCheckpoints(f)) {
                Files.writeString(ckpt.resolve("data").resolve("state.json"), "{\"step\": 7, \"value\": \"forged\"}");
            }
            f.events.clear();
            RRef r = f.realizeOne(StepsStage.NAME, CONFIG);
            assertEquals(expected, r, "a corrupted checkpoint must never be used");
            assertNull(f.store.notes(r).get(Checkpoint.RESUMED_FROM));
            assertTrue(f.events.of(RealizeEvent.Type.LOG, d).stream()
                    .anyMatch(e -> e.message().contains("WARNING") && e.message().contains("corrupted")),
                    "no warning about the corrupted checkpoint");
            assertTrue(String.join("\n", Files.readAllLines(f.store.buildLogs(r).get(0))).contains("corrupted"));
        }
    }

    @Test
    void aHalfWrittenCheckpointIsIgnoredWithAWarning() throws Exception {
        RRef expected = uninterrupted();
        try (Fixture f = fixture(tmp.resolve("s"))) {
            cancelAfter(f, 2);
            List<Path> sealed = sealedCheckpoints(f);
            for (Path c : sealed) {
                Files.delete(c.resolve("checkpoint.json")); // as if the process died before sealing it
            }
            Path ckpt = sealed.get(0);
            // and a save cut short before its rename, holding a later step: never a checkpoint
            Path partial = Files.createDirectories(ckpt.getParent().resolve(".partial-cut-short").resolve("data"));
            Files.writeString(partial.resolve("state.json"), "{\"step\": 7, \"value\": \"half\"}");
            RRef r = f.realizeOne(StepsStage.NAME, CONFIG);
            assertEquals(expected, r, "a half-written checkpoint must never be used");
            assertNull(f.store.notes(r).get(Checkpoint.RESUMED_FROM));
            assertTrue(String.join("\n", Files.readAllLines(f.store.buildLogs(r).get(0))).contains("half-written"),
                    "no warning about the half-written checkpoint in the build log");
            assertTrue(f.store.checkpoints().isEmpty());
            assertFalse(Files.exists(partial), "the commit deletes what the cut-short save left");
        }
    }

    @Test
    void freshDeletesTheCheckpointsAndStartsFromZero() throws Exception {
        try (Fixture f = fixture(tmp.resolve("s"))) {
            cancelAfter(f, 2);
            List<RRef> r = f.realizer.realize(f.instantiate(StepsStage.NAME, CONFIG), RealizeOptions.defaults().withFresh(true));
            assertNull(f.store.notes(r.get(0)).get(Checkpoint.RESUMED_FROM));
            assertTrue(f.store.checkpoints().isEmpty());
        }
    }

    @Test
    void gcRemovesTheCheckpointOfADerivationNothingNeeds() throws Exception {
        try (Fixture f = fixture(tmp.resolve("s"))) {
            DRef d = cancelAfter(f, 2);
            var dry = f.store.gc(true);
            assertEquals(List.of(d), dry.checkpoints().stream().map(CheckpointInfo::dref).toList());
            assertEquals(1, f.store.checkpoints().size(), "a dry run removes nothing");
            var report = f.store.gc(false);
            assertEquals(1, report.checkpoints().size());
            assertTrue(f.store.checkpoints().isEmpty());
            assertFalse(Files.exists(f.root.resolve("checkpoints").resolve(d.folderName())));
        }
    }
}
