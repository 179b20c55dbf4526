package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.PendingRealization;

class FileStoreTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheLayoutInAMissingFolder() {
        FileStore store = new FileStore(tmp.resolve("s"));
        Path root = tmp.resolve("s");
        for (String d : List.of("store-v1", "tmp", "locks", "roots", "logs/failed")) {
            assertTrue(Files.isDirectory(root.resolve(d)), d);
        }
        assertEquals(root.resolve("logs/failed"), store.failedLogs());
    }

    @Test
    void sameConfigWithOtherKeyOrderAndNumberSpellingGivesTheSameDRef() throws IOException {
        FileStore store = new FileStore(tmp);
        DRef a = store.addDerivation(StoreFixtures.derivation("s", "{\"a\":1,\"b\":{\"y\":2.50,\"x\":\"t\"}}"));
        DRef b = store.addDerivation(StoreFixtures.derivation("s", "{\"b\":{\"x\":\"t\",\"y\":25e-1},\"a\":1.0}"));
        DRef c = store.addDerivation(StoreFixtures.derivation("s", "{\"b\":{\"x\":\"t\",\"y\":2.5},\"a\":1e0}"));
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals(List.of(a), store.derivations());
        Path file = tmp.resolve("store-v1").resolve(a.folderName()).resolve("derivation.json");
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(a, store.derivation(a).orElseThrow().dref());
        assertEquals(a, new FileStore(tmp).derivation(a).orElseThrow().dref()); // read back from disk
    }

    @Test
    void commitsAReadOnlyRealizationWithItsMetadata() throws IOException {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("train", "{\"epochs\":3}"));
        RRef r;
        try (PendingRealization p = store.begin(d)) {
            Files.createDirectories(p.out().resolve("model"));
            Files.writeString(p.out().resolve("model/weights.bin"), "w");
            Files.writeString(p.out().resolve("metrics.json"), "{\"accuracy\":0.9,\"loss\":1,\"note\":\"x\"}");
            Files.writeString(p.meta().resolve("build.log"), "log");
            r = p.commit(Map.of(), List.of("model/weights.bin"), StoreFixtures.meta());
        }
        Path dir = store.path(r);
        assertEquals(tmp.resolve("store-v1").resolve(d.folderName()).resolve(r.outputHash()), dir);
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("model/weights.bin"))));
        assertEquals("{}", Files.readString(dir.resolve("context.json")));
        assertTrue(Files.exists(dir.resolve("_meta/build.log")));
        RealizationInfo info = store.realization(r).orElseThrow();
        assertEquals(1, info.stageVersion());
        assertEquals("org.example.bundle", info.bundle());
        assertEquals("1.2.3", info.bundleVersion());
        assertEquals(Map.of("accuracy", 0.9, "loss", 1.0), info.metrics());
        assertFalse(info.finished().isBefore(info.started()));
        assertTrue(info.sizeBytes() > 0);
        assertEquals(List.of(info), store.realizations(d));
        assertEquals(List.of(info), store.realizationsOf("train"));
        assertEquals(List.of(), store.realizationsOf("other"));
        assertEquals(0, Files.list(tmp.resolve("tmp")).count(), "tmp/ is empty after commit");
    }

    @Test
    void identicalRealizationsAreDeduplicatedAndDifferentOnesAreNot() throws IOException {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        RRef a = StoreFixtures.commit(store, d, "x");
        RRef b = StoreFixtures.commit(store, d, "x");
        RRef c = StoreFixtures.commit(store, d, "y");
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(2, store.realizations(d).size());
        assertEquals(0, Files.list(tmp.resolve("tmp")).count());
    }

    @Test
    void missingPromisesFailTheCommitAndLeaveNothing() throws IOException {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        try (PendingRealization p = store.begin(d)) {
            Files.writeString(p.out().resolve("a"), "1");
            StagedmlException e = assertThrows(StagedmlException.class,
                    () -> p.commit(Map.of(), List.of("a", "b", "c/d", "../x"), StoreFixtures.meta()));
            assertTrue(e.getMessage().contains("b, c/d, ../x"), e.getMessage());
        }
        assertEquals(List.of(), store.realizations(d));
        assertEquals(0, Files.list(tmp.resolve("tmp")).count());
    }

    @Test
    void closeWithoutCommitRemovesTheBuildFolder() throws IOException {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        Path out;
        try (PendingRealization p = store.begin(d)) {
            out = p.out();
            Files.writeString(out.resolve("a"), "1");
            assertTrue(out.startsWith(tmp.resolve("tmp")));
        }
        assertFalse(Files.exists(out));
        assertEquals(List.of(), store.realizations(d));
    }

    @Test
    void beginNeedsTheDerivation() {
        FileStore store = new FileStore(tmp);
        DRef missing = new Derivation("s", 1, org.stagedml.api.Config.empty()).dref();
        assertThrows(StagedmlException.class, () -> store.begin(missing));
    }
}
