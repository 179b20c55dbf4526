package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.VerifyReport;

/** A root file that cannot be read is never taken for "no root": nothing it may keep is deleted. */
class UnreadableRootTest {
    @TempDir
    Path tmp;
    FileStore store;
    final List<String> warnings = new ArrayList<>();
    DRef kept;
    RRef keptR;
    DRef other;
    RRef otherR;
    Path rootFile;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileStore(tmp, StoreOptions.DEFAULTS.withLog(new StoreLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }));
        kept = store.addDerivation(StoreFixtures.derivation("kept", "{}"));
        keptR = StoreFixtures.commit(store, kept, "k");
        other = store.addDerivation(StoreFixtures.derivation("other", "{}"));
        otherR = StoreFixtures.commit(store, other, "o");
        store.addRoot("last-kept", keptR);
        store.addRoot("last-other", otherR);
        rootFile = tmp.resolve("roots/last-kept");
        Thread.sleep(5); // older than the gc's start
    }

    static void assertRefused(Executable call, String... words) {
        StagedmlException e = assertThrows(StagedmlException.class, call);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void garbageBinaryOrEmptyRootFilesStopGcAndRemoveByNameAndNothingIsDeleted() throws Exception {
        List<byte[]> junk = List.of("garbage".getBytes(), new byte[] {0, (byte) 0xff, 'n', 'o', 't'}, new byte[0],
                "rref:not-a-ref\n".getBytes(), (keptR + "\n" + otherR + "\n").getBytes());
        for (byte[] content : junk) {
            Files.write(rootFile, content);
            for (boolean dryRun : new boolean[] {true, false}) {
                assertRefused(() -> store.gc(dryRun), "root 'last-kept'", rootFile.toString(),
                        "store:root-rm last-kept", "store:root-add last-kept");
            }
            assertRefused(() -> store.remove(otherR, false), "root 'last-kept'", rootFile.toString());
            assertTrue(store.realization(keptR).isPresent() && store.realization(otherR).isPresent());
            assertEquals(Map.of("last-other", otherR), store.roots(), "the readable roots are still listed");
            assertEquals(Set.of("last-kept"), store.unreadableRoots().keySet());
            assertTrue(store.unreadableRoots().get("last-kept").contains(rootFile.toString()));
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("gc refused: root 'last-kept'")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("gc --dry-run refused")), warnings.toString());
    }

    @Test
    void theMessageShowsBinaryContentAsPrintableText() throws Exception {
        Files.write(rootFile, new byte[] {0, (byte) 0xff, 'x', '\n', 'y'});
        String why = store.unreadableRoots().get("last-kept");
        assertTrue(why.contains("it holds '?x?y', not a dref: or rref: reference"), why); // the NUL is trimmed as blank
        Files.write(rootFile, new byte[0]);
        assertTrue(store.unreadableRoots().get("last-kept").contains("(it is empty)"));
    }

    @Test
    void aFolderUnderRootsIsNoRootEitherAndGcRefuses() throws Exception {
        Files.createDirectories(tmp.resolve("roots/odd name"));
        assertRefused(() -> store.gc(false), "root 'odd name'", "is a folder", "delete that file");
        assertRefused(() -> store.removeRoot("odd name"), "invalid root name");
        Files.delete(tmp.resolve("roots/odd name"));
        Files.createDirectories(tmp.resolve("roots/last-x"));
        assertRefused(() -> store.removeRoot("last-x"), "is a folder, not a root file");
    }

    @Test
    void verifyReportsTheRootFileWithoutAnRref() throws Exception {
        Files.writeString(rootFile, "garbage");
        VerifyReport r = store.verify(List.of());
        assertEquals(2, r.checked());
        assertEquals(List.of(), r.realizationProblems());
        assertEquals(1, r.storeProblems().size());
        VerifyReport.Problem p = r.storeProblems().get(0);
        assertEquals("roots/last-kept", p.file());
        assertTrue(p.toString().startsWith("roots/last-kept: root 'last-kept' at "), p.toString());
        assertTrue(!store.verify(List.of(otherR)).ok(), "verifying some realizations reports it too");
    }

    @Test
    void removingOrRewritingTheRootLetsGcRunAgain() throws Exception {
        Files.writeString(rootFile, "garbage");
        store.addRoot("last-kept", keptR); // rewritten
        assertEquals(Map.of("last-kept", keptR, "last-other", otherR), store.roots());
        assertEquals(List.of(), store.gc(false).removed());
        Files.writeString(rootFile, "");
        assertTrue(store.removeRoot("last-kept"));
        assertEquals(Set.of(keptR, kept), Set.copyOf(store.gc(false).removed()));
        assertTrue(store.verify(List.of()).ok());
    }

    @Test
    void aForcedRemoveDoesNotLookAtRoots() throws Exception {
        Files.writeString(rootFile, "garbage");
        store.remove(otherR, true);
        assertTrue(store.realization(otherR).isEmpty());
    }

    @Test
    void aRootBeingWrittenIsNotAProblem() throws Exception {
        Files.writeString(tmp.resolve("roots/.last-kept.0f0f"), "");
        assertEquals(Map.of(), store.unreadableRoots());
        store.gc(true);
    }
}
