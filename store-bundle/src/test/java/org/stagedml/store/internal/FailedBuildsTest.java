package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.FailedBuild;
import org.stagedml.api.store.PendingRealization;

/** Failed builds kept aside under failed/: what is kept, listing, removal, and gc leaving them. */
class FailedBuildsTest {
    @TempDir
    Path tmp;

    @Test
    void aKeptBuildHoldsItsOutputConfigDependencyPathsAndLogAndOutlivesGc() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef data = store.addDerivation(StoreFixtures.derivation("data", "{}"));
        RRef data1 = StoreFixtures.commit(store, data, "d1");
        DRef train = store.addDerivation(StoreFixtures.derivation("train", "{\"data\":\"" + data + "\",\"lr\":0.5}"));
        Path log = Files.writeString(tmp.resolve("build.log"), "it broke\n");
        FailedBuild kept;
        try (PendingRealization p = store.begin(train)) {
            Files.writeString(p.out().resolve("half.txt"), "half\n");
            kept = store.keepFailedBuild(p, Map.of(data, List.of(data1)), log);
        }
        assertEquals(tmp.resolve("failed"), kept.folder().getParent());
        assertEquals(train, kept.dref());
        assertEquals("half\n", Files.readString(kept.out().resolve("half.txt")));
        assertTrue(Files.readString(kept.folder().resolve("derivation.json")).contains("0.5"));
        assertTrue(Files.readString(kept.folder().resolve("dependencies.txt")).contains(store.path(data1).toString()));
        assertEquals("it broke\n", Files.readString(kept.folder().resolve("build.log")));
        try (var entries = Files.list(tmp.resolve("tmp"))) {
            assertEquals(0, entries.count(), "nothing left in tmp/");
        }

        assertEquals(List.of(kept), store.failedBuilds());
        store.gc(false);
        assertEquals(List.of(kept), store.failedBuilds(), "gc leaves failed builds alone");
        assertTrue(new FileStore(tmp).failedBuilds().size() == 1, "the store reopens with failed/ beside it");

        assertTrue(store.removeFailedBuild(kept));
        assertFalse(store.removeFailedBuild(kept));
        assertTrue(store.failedBuilds().isEmpty());
        assertThrows(StagedmlException.class,
                () -> store.removeFailedBuild(new FailedBuild(train, kept.failed(), tmp.resolve("store-v1"))));
    }
}
