package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.store.CheckpointInfo;
import org.stagedml.api.store.GcReport;

/** The store's checkpoint areas: atomic saves, whole-or-ignored loads, removal by gc, age, remove. */
class CheckpointTest {
    @TempDir
    Path tmp;

    private static Path save(Checkpoint c, String text) throws IOException {
        return c.save(dir -> Files.writeString(dir.resolve("state.txt"), text));
    }

    @Test
    void theLastSaveIsWhatLastGivesAndOlderOnesGo() throws Exception {
        FileStore s = new FileStore(tmp.resolve("s"));
        DRef d = s.addDerivation(StoreFixtures.derivation("long", "{}"));
        Checkpoint c = s.checkpoint(d, 0, null);
        assertEquals(Optional.empty(), c.last());
        save(c, "one");
        Path second = save(c, "two");
        assertEquals(Optional.of(second), c.last());
        assertEquals("two", Files.readString(c.last().get().resolve("state.txt")));
        assertEquals(1, s.checkpoints().size(), "older checkpoints are deleted after a save");
        assertEquals(Optional.empty(), s.checkpoint(d, 1, null).last(), "instances have their own areas");
        assertFalse(Files.exists(s.root().resolve("store-v1").resolve(d.folderName()).resolve("0")));
    }

    @Test
    void aWriterThatFailsLeavesTheLastCheckpointAsItWas() throws Exception {
        FileStore s = new FileStore(tmp.resolve("s"));
        DRef d = s.addDerivation(StoreFixtures.derivation("long", "{}"));
        Checkpoint c = s.checkpoint(d, 0, null);
        save(c, "good");
        assertThrows(IOException.class, () -> c.save(dir -> {
            Files.writeString(dir.resolve("state.txt"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(c.last().get().resolve("state.txt")));
        try (var entries = Files.list(c.last().get().getParent().getParent())) {
            assertEquals(1, entries.count(), "the partial save was cleaned up");
        }
    }

    @Test
    void aCorruptedCheckpointIsIgnoredWithAWarningAndAnOlderWholeOneUsed() throws Exception {
        FileStore s = new FileStore(tmp.resolve("s"));
        DRef d = s.addDerivation(StoreFixtures.derivation("long", "{}"));
        List<String> warnings = new ArrayList<>();
        Checkpoint c = s.checkpoint(d, 0, warnings::add);
        Path older = save(c, "older");
        Path olderCopy = tmp.resolve("copy");
        copyTree(older.getParent(), olderCopy);
        Path newer = save(c, "newer");
        copyTree(olderCopy, older.getParent()); // as if the deletion of the older one had not happened yet
        Files.writeString(newer.resolve("state.txt"), "tampered");
        assertEquals(Optional.of(older), c.last());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("corrupted"), warnings.get(0));
        assertFalse(Files.exists(newer), "the corrupted checkpoint is deleted");
    }

    @Test
    void removeAndGcDeleteCheckpointsOfDerivationsNothingNeedsAndOldOnes() throws Exception {
        Path root = tmp.resolve("s");
        FileStore s = new FileStore(root, StoreOptions.DEFAULTS.withCheckpointMaxAge(Duration.ofHours(1)));
        DRef kept = s.addDerivation(StoreFixtures.derivation("kept", "{}"));
        DRef old = s.addDerivation(StoreFixtures.derivation("old", "{}"));
        DRef loose = s.addDerivation(StoreFixtures.derivation("loose", "{}"));
        DRef removed = s.addDerivation(StoreFixtures.derivation("removed", "{}"));
        s.addRoot("k", kept);
        s.addRoot("o", old);
        for (DRef d : List.of(kept, old, loose, removed)) {
            save(s.checkpoint(d, 0, null), d.name());
        }
        backdate(s, old, Instant.now().minus(Duration.ofHours(2)));
        s.remove(removed, false);
        assertEquals(List.of("kept", "loose", "old"), s.checkpoints().stream().map(c -> c.dref().name()).sorted().toList());
        Thread.sleep(20); // the derivations are older than the gc's start
        GcReport r = s.gc(false);
        assertEquals(List.of("loose", "old"), r.checkpoints().stream().map(c -> c.dref().name()).sorted().toList());
        assertEquals(List.of(kept), s.checkpoints().stream().map(CheckpointInfo::dref).toList());
        assertEquals(1, s.removeCheckpoints(kept));
        assertTrue(s.checkpoints().isEmpty());
    }

    @Test
    void gcLeavesTheCheckpointsOfADerivationWhoseBuildHoldsItsLock() throws Exception {
        FileStore s = new FileStore(tmp.resolve("s"));
        DRef d = s.addDerivation(StoreFixtures.derivation("busy", "{}"));
        try (var lock = s.lock(d, Duration.ZERO).orElseThrow()) {
            save(s.checkpoint(d, 0, null), "x");
            Thread.sleep(20);
            assertTrue(s.gc(false).checkpoints().isEmpty());
            assertEquals(1, s.checkpoints().size());
        }
    }

    /** Rewrites the manifest's saved time, as if the checkpoint had been saved then. */
    private static void backdate(FileStore s, DRef d, Instant when) throws IOException {
        Path folder = s.checkpoints().stream().filter(c -> c.dref().equals(d)).findFirst().orElseThrow().folder().getParent();
        Path manifest = folder.resolve(CheckpointArea.MANIFEST);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) org.stagedml.api.Json.mapper().readTree(manifest.toFile());
        json.put("saved", when.toString());
        Files.write(manifest, org.stagedml.api.Json.mapper().writeValueAsBytes(json));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var w = Files.walk(from)) {
            for (Path p : w.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
