package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.VerifyReport;
import org.stagedml.api.store.VerifyReport.Problem;

class VerifyTest {
    @TempDir
    Path tmp;
    FileStore store;
    RRef good;
    RRef bad;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        good = StoreFixtures.commit(store, d, "good");
        bad = StoreFixtures.commit(store, d, "bad");
    }

    /** Overwrites a file of a read-only realization, as a careless user with chmod would. */
    static void tamper(Path file, String content) throws Exception {
        Files.setPosixFilePermissions(file.getParent(), FileTrees.WRITABLE_DIR);
        Files.deleteIfExists(file);
        Files.writeString(file, content);
    }

    @Test
    void anIntactStoreVerifies() throws Exception {
        VerifyReport r = store.verify(List.of());
        assertEquals(2, r.checked());
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    void aChangedFileIsReportedByRRefAndPath() throws Exception {
        tamper(store.path(bad).resolve("out.txt"), "evil");
        VerifyReport r = store.verify(List.of());
        assertEquals(List.of(new Problem(bad, "out.txt", "content changed")), r.problems());
        assertEquals(List.of(), store.verify(List.of(good)).problems());
    }

    @Test
    void addedAndRemovedFilesAreReported() throws Exception {
        Path dir = store.path(bad);
        tamper(dir.resolve("extra"), "x");
        Files.delete(dir.resolve("out.txt"));
        VerifyReport r = store.verify(List.of(bad));
        assertEquals(List.of(new Problem(bad, "out.txt", "missing"), new Problem(bad, "extra", "unexpected (added after the commit)")),
                r.problems());
    }

    @Test
    void aTamperedManifestCannotHideAChange() throws Exception {
        Path dir = store.path(bad);
        tamper(dir.resolve("out.txt"), "evil");
        // rewrite the manifest to match the tampered tree
        TreeHasher.Manifest forged = TreeHasher.hash(dir);
        tamper(dir.resolve(RealizationFiles.MANIFEST_JSON), new String(RealizationFiles.manifestJson(forged)));
        VerifyReport r = store.verify(List.of(bad));
        assertEquals(1, r.problems().size());
        assertEquals("", r.problems().get(0).file());
        assertTrue(r.problems().get(0).message().contains("does not match the folder name"), r.problems().toString());
    }

    @Test
    void aTamperedManifestAloneIsReportedAgainstTheManifest() throws Exception {
        tamper(store.path(good).resolve(RealizationFiles.MANIFEST_JSON), "{}");
        VerifyReport r = store.verify(List.of(good));
        assertEquals(List.of(RealizationFiles.MANIFEST_JSON), r.problems().stream().map(Problem::file).toList());
        // _meta/ is not hashed: the logs may change without breaking the realization
        tamper(store.path(bad).resolve("_meta/build.log"), "rotated");
        assertTrue(store.verify(List.of(bad)).ok());
    }

    @Test
    void aMissingRealizationIsReported() throws Exception {
        RRef ghost = RRef.of("f".repeat(32), good.dref());
        assertEquals(List.of(new Problem(ghost, "", "not in the store")), store.verify(List.of(ghost)).problems());
    }
}
