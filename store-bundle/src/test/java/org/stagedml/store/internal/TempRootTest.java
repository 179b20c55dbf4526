package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.GcReport;
import org.stagedml.api.store.TempRoot;

/** Temporary roots: what gc and remove leave alone while a realize (here: a test) holds them. */
class TempRootTest {
    @TempDir
    Path tmp;
    FileStore store;
    DRef data;
    RRef data1;

    @BeforeEach
    void store() throws Exception {
        store = new FileStore(tmp);
        data = store.addDerivation(StoreFixtures.derivation("data", "{}"));
        data1 = StoreFixtures.commit(store, data, "d1");
        Thread.sleep(5); // the GC keeps what is not older than its start
    }

    @Test
    void gcKeepsATemporarilyRootedDerivationAndItsRealizationsUntilTheRootIsClosed() throws Exception {
        try (TempRoot root = store.addTempRoot(data)) {
            assertEquals(data, root.dref());
            GcReport gc = store.gc(false);
            assertTrue(gc.removed().isEmpty(), "removed " + gc.removed());
            assertTrue(gc.skipped().contains(data1), "reported as skipped: " + gc.skipped());
            assertTrue(store.realization(data1).isPresent());
        }
        assertEquals(List.of(data1, data), store.gc(false).removed());
        assertTrue(store.derivation(data).isEmpty());
    }

    @Test
    void aTemporaryRootIsSharedAndHeldUntilItsLastHolderCloses() throws Exception {
        TempRoot first = store.addTempRoot(data);
        TempRoot second = store.addTempRoot(data);
        first.close();
        first.close(); // idempotent: must not let go of the second holder's share
        assertTrue(store.gc(false).removed().isEmpty());
        second.close();
        assertEquals(2, store.gc(false).removed().size());
    }

    @Test
    void removeRefusesWhatARunningRealizeHolds() throws Exception {
        try (TempRoot root = store.addTempRoot(data)) {
            StagedmlException e = assertThrows(StagedmlException.class, () -> store.remove(data1, true));
            assertTrue(e.getMessage().contains("a running realize is using " + data), e.getMessage());
            assertTrue(store.realization(data1).isPresent());
        }
        store.remove(data1, false);
        assertTrue(store.realization(data1).isEmpty());
    }

    @Test
    void anotherProcessesTemporaryRootHoldsUntilItDies() throws Exception {
        Process child = ChildJvm.start(LockHolderChild.class, "temproot", tmp.toString(), data.toString());
        try {
            ChildJvm.awaitLine(child, "ready");
            assertTrue(store.gc(false).removed().isEmpty());
            assertTrue(new FileStore(tmp).gc(false).removed().isEmpty(), "a second store instance sees it too");
            assertThrows(StagedmlException.class, () -> store.remove(data, true));
            child.destroyForcibly().waitFor(); // the kernel drops a dead process's locks
            assertEquals(List.of(data1, data), store.gc(false).removed());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void addingATemporaryRootWaitsWhileGcDeletesThatDerivation() throws Exception {
        TempRootLocks locks = store.tempRootLocks();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Optional<TempRootFile.Hold> deleting = locks.tryExclusive(data);
            assertTrue(deleting.isPresent());
            Future<TempRoot> root = pool.submit(() -> store.addTempRoot(data));
            Thread.sleep(200);
            assertFalse(root.isDone(), "a realize must not list a derivation while gc deletes it");
            assertTrue(locks.tryExclusive(data).isEmpty(), "exclusive means one holder");
            deleting.get().close();
            try (TempRoot held = root.get(10, TimeUnit.SECONDS)) {
                assertTrue(locks.tryExclusive(data).isEmpty(), "a shared root keeps gc out");
            }
            Optional<TempRootFile.Hold> again = locks.tryExclusive(data);
            assertTrue(again.isPresent(), "the last holder let go");
            again.get().close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenThousandTemporaryRootsKeepFewFilesOpen() throws Exception {
        long before = openFiles();
        List<TempRoot> roots = new ArrayList<>();
        try {
            for (int i = 0; i < 10_000; i++) {
                roots.add(store.addTempRoot(StoreFixtures.derivation("chain", "{\"i\":" + i + "}").dref()));
            }
            long during = openFiles();
            assertTrue(during - before <= TempRootLocks.FILES, "open files went from " + before + " to " + during);
        } finally {
            roots.forEach(TempRoot::close);
        }
        GcReport gc = store.gc(false);
        assertTrue(gc.removed().contains(data1), "every hold was let go: " + gc);
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
