package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.GcReport;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.StoreLock;

/** A small graph: data <- prep <- train (configs), realizations with contexts; plus an orphan. */
class GcTest {
    @TempDir
    Path tmp;
    FileStore store;
    DRef data;
    DRef prep;
    DRef train;
    DRef orphan;
    RRef data1;
    RRef data2;
    RRef prep1;
    RRef train1;
    RRef train2;
    RRef orphan1;

    @BeforeEach
    void graph() throws Exception {
        store = new FileStore(tmp);
        data = store.addDerivation(StoreFixtures.derivation("data", "{\"url\":\"http://127.0.0.1/x\"}"));
        prep = store.addDerivation(StoreFixtures.derivation("prep", "{\"data\":\"" + data + "\"}"));
        train = store.addDerivation(StoreFixtures.derivation("train", "{\"prep\":\"" + prep + "\",\"lr\":0.1}"));
        orphan = store.addDerivation(StoreFixtures.derivation("other", "{}"));
        data1 = StoreFixtures.commit(store, data, "d1");
        data2 = StoreFixtures.commit(store, data, "d2");
        prep1 = StoreFixtures.commit(store, prep, "p1", Map.of(data, List.of(data1)));
        train1 = StoreFixtures.commit(store, train, "t1", Map.of(prep, List.of(prep1)));
        train2 = StoreFixtures.commit(store, train, "t2", Map.of(prep, List.of(prep1)));
        orphan1 = StoreFixtures.commit(store, orphan, "o1");
        Thread.sleep(5); // the GC keeps what is not older than its start
    }

    @Test
    void referencesAndReverseReferences() {
        assertEquals(Set.of(prep), store.dependencies(train));
        assertEquals(Set.of(data), store.dependencies(prep));
        assertEquals(Set.of(), store.dependencies(data));
        assertEquals(Set.of(train), store.dependents(prep));
        assertEquals(Set.of(prep1), store.referrers(data1));
        assertEquals(Set.of(train1, train2), store.referrers(prep1));
        assertEquals(Set.of(), store.referrers(data2));
        assertEquals(Map.of(prep, List.of(prep1)), store.realization(train1).orElseThrow().context());
        assertEquals(List.of(data, orphan, prep, train).stream().sorted().toList(), store.derivations());
        assertEquals(List.of(train), store.derivations("train"));
    }

    @Test
    void rootsCanBeAddedListedAndRemoved() throws Exception {
        store.addRoot("best", train1);
        store.addRoot("all-data", data);
        assertEquals(Map.of("all-data", data, "best", train1), store.roots());
        store.addRoot("best", train2); // replaces
        assertEquals(train2, store.roots().get("best"));
        assertTrue(store.removeRoot("best"));
        assertFalse(store.removeRoot("best"));
        assertThrows(StagedmlException.class, () -> store.addRoot("../evil", data));
        assertThrows(StagedmlException.class, () -> store.addRoot("x", RRef.of("0".repeat(32), data)));
    }

    @Test
    void gcKeepsTheClosureOfTheRootsAndRemovesTheRest() throws Exception {
        store.addRoot("model", train1);
        GcReport dry = store.gc(true);
        assertTrue(dry.dryRun());
        Set<Ref> expected = Set.of(train2, data2, orphan1, orphan);
        assertEquals(expected, Set.copyOf(dry.removed()));
        assertTrue(dry.bytes() > 0);
        assertEquals(10 - 4, dry.kept());
        assertTrue(store.realization(train2).isPresent(), "a dry run removes nothing");

        GcReport real = store.gc(false);
        assertEquals(expected, Set.copyOf(real.removed()));
        assertEquals(dry.bytes(), real.bytes());
        for (RRef kept : List.of(train1, prep1, data1)) {
            assertTrue(store.realization(kept).isPresent(), kept + " kept");
        }
        for (RRef gone : List.of(train2, data2, orphan1)) {
            assertTrue(store.realization(gone).isEmpty(), gone + " removed");
        }
        assertEquals(List.of(data, prep, train).stream().sorted().toList(), store.derivations());
        assertTrue(store.verify(List.of()).ok());
        assertEquals(List.of(), store.gc(false).removed());
        assertEquals(0, Files.list(tmp.resolve("tmp")).count());
    }

    @Test
    void aRootedDerivationKeepsAllItsRealizationsAndTheirContexts() throws Exception {
        store.addRoot("train", train);
        GcReport r = store.gc(false);
        assertEquals(Set.of(data2, orphan1, orphan), Set.copyOf(r.removed()));
    }

    @Test
    void withoutRootsEverythingGoes() throws Exception {
        GcReport r = store.gc(false);
        assertEquals(10, r.removed().size());
        assertEquals(List.of(), store.derivations());
    }

    @Test
    void gcNeverRemovesLockedWorkOrWhatABuildInProgressMayRead() throws Exception {
        try (StoreLock lock = store.lock(orphan, Duration.ZERO).orElseThrow();
                PendingRealization building = store.begin(train)) {
            GcReport r = store.gc(false);
            // orphan is locked; train has a live build, which may read any realization of prep or data
            assertEquals(List.of(), r.removed());
            assertTrue(Files.isDirectory(building.out()), "the build folder survives the janitor");
        }
        assertEquals(10, store.gc(false).removed().size());
    }

    @Test
    void gcSkipsWhatAnotherProcessHasLocked() throws Exception {
        Process child = ChildJvm.start(LockHolderChild.class, "lock", tmp.toString(), orphan.toString());
        try {
            ChildJvm.awaitLine(child, "ready");
            GcReport r = store.gc(false);
            assertTrue(store.realization(orphan1).isPresent());
            assertFalse(r.removed().contains(orphan1));
            assertTrue(r.removed().contains(data2));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void gcKeepsWhatWasCommittedAfterItStarted() throws Exception {
        // a realization whose recorded finish lies in the future counts as newer than the GC
        DRef late = store.addDerivation(StoreFixtures.derivation("late", "{}"));
        RRef lateR;
        try (PendingRealization p = store.begin(late)) {
            Files.writeString(p.out().resolve("x"), "x");
            lateR = p.commit(Map.of(), List.of(), new org.stagedml.api.store.BuildMetadata(1, "", "", null, Map.of()));
        }
        Path meta = store.path(lateR).resolve("_meta/meta.json");
        String json = Files.readString(meta).replaceAll("\"finished\" : \"[^\"]+\"", "\"finished\" : \"2999-01-01T00:00:00Z\"");
        Files.setPosixFilePermissions(meta.getParent(), FileTrees.WRITABLE_DIR);
        Files.delete(meta);
        Files.writeString(meta, json);
        GcReport r = new FileStore(tmp).gc(false);
        assertTrue(r.skipped().contains(lateR), r.toString());
        assertTrue(new FileStore(tmp).realization(lateR).isPresent());
    }

    @Test
    void removeRefusesWhatOthersUseUnlessForced() throws Exception {
        StagedmlException e = assertThrows(StagedmlException.class, () -> store.remove(prep1, false));
        assertTrue(e.getMessage().contains(train1.toString()), e.getMessage());
        assertThrows(StagedmlException.class, () -> store.remove(data, false));
        store.remove(data2, false);
        assertTrue(store.realization(data2).isEmpty());
        store.remove(train, false);
        assertTrue(store.derivation(train).isEmpty());
        assertTrue(store.realization(train1).isEmpty());
        store.remove(data, true);
        assertTrue(store.derivation(data).isEmpty());
        try (StoreLock lock = store.lock(orphan, Duration.ZERO).orElseThrow()) {
            assertThrows(StagedmlException.class, () -> store.remove(orphan, true));
        }
        assertThrows(StagedmlException.class, () -> store.remove(data1, false));
    }

    @Test
    void removeRefusesWhatARunningBuildMayRead() throws Exception {
        try (PendingRealization building = store.begin(train)) {
            StagedmlException e = assertThrows(StagedmlException.class, () -> store.remove(data2, true));
            assertTrue(e.getMessage().contains("running build"), e.getMessage());
            store.remove(orphan1, false); // unrelated work goes
        }
        store.remove(data2, false);
    }
}
