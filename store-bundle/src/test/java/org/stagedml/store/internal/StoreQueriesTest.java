package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.PendingRealization;

/** What other bundles ask of the layout instead of spelling store paths. */
class StoreQueriesTest {
    @TempDir
    Path tmp;
    FileStore store;
    DRef d;
    RRef r;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileStore(tmp.resolve("s"));
        d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        try (PendingRealization p = store.begin(d)) {
            Files.createDirectories(p.out().resolve("model/sub"));
            Files.writeString(p.out().resolve("model/sub/w.bin"), "w");
            Files.writeString(p.out().resolve("metrics.json"), "{\"acc\":0.5}");
            Files.writeString(p.meta().resolve("build.log"), "built\n");
            Files.writeString(p.meta().resolve("engine.log"), "engine\n");
            r = p.commit(Map.of(), List.of("metrics.json"), StoreFixtures.meta());
        }
    }

    @Test
    void pathsOfDerivationsAndRealizationsOrANamedError() {
        assertEquals(store.root().resolve("store-v1").resolve(d.folderName()), store.path(d));
        assertEquals(store.path(d).resolve(r.outputHash()), store.path(r));
        DRef missing = new DRef("0".repeat(32), "s");
        StagedmlException e = assertThrows(StagedmlException.class, () -> store.path(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(StagedmlException.class, () -> store.path(RRef.of("0".repeat(32), d)));
    }

    @Test
    void outputFilesLeaveOutTheContextAndTheMetadata() throws Exception {
        assertEquals(List.of(Path.of("metrics.json"), Path.of("model/sub/w.bin")), store.outputFiles(r));
        assertTrue(Files.isRegularFile(store.path(r).resolve("context.json")));
    }

    @Test
    void reservedPathsAreTheContextAndEverythingUnderMeta() {
        assertTrue(store.reserved(Path.of("context.json")));
        assertTrue(store.reserved(Path.of("_meta")));
        assertTrue(store.reserved(Path.of("_meta/build.log")));
        assertTrue(store.reserved(Path.of("./_meta/x")));
        assertFalse(store.reserved(Path.of("sub/context.json")));
        assertFalse(store.reserved(Path.of("metrics.json")));
        assertFalse(store.reserved(Path.of("model/_meta")));
        assertThrows(StagedmlException.class, () -> store.reserved(Path.of("/etc/passwd")));
        assertThrows(StagedmlException.class, () -> store.reserved(Path.of("../x")));
    }

    @Test
    void buildLogsComeBuildLogFirst() throws Exception {
        Path meta = store.path(r).resolve("_meta");
        assertEquals(List.of(meta.resolve("build.log"), meta.resolve("engine.log")), store.buildLogs(r));
    }

    @Test
    void failedLogsAreKeptOutsideTheRealizationsNewestFound() throws Exception {
        assertEquals(Optional.empty(), store.failedLog(d));
        Path log = Files.writeString(tmp.resolve("build.log"), "first");
        Path first = store.keepFailedLog(d, log);
        Files.writeString(log, "second");
        Path second = store.keepFailedLog(d, log);
        assertTrue(!first.equals(second) && !first.startsWith(store.root().resolve("store-v1")), first + " " + second);
        assertEquals(Optional.of(second), store.failedLog(d));
        assertEquals("second", Files.readString(store.failedLog(d).orElseThrow()));
        assertEquals(Optional.empty(), store.failedLog(new DRef("1".repeat(32), "s")));
        assertThrows(StagedmlException.class, () -> store.keepFailedLog(d, tmp.resolve("missing.log")));
        store.gc(false);
        assertEquals(Optional.of(second), store.failedLog(d), "gc does not collect failed logs");
    }
}
