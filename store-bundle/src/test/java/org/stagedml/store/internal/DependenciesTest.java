package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.VerifyReport;

/**
 * The store follows {@link org.stagedml.api.Config#dependencies()} (top-level fields holding a dref),
 * the realizer's definition, everywhere: references, gc, remove, export.
 */
class DependenciesTest {
    @TempDir
    Path tmp;

    @Test
    void aNestedDrefLookingStringIsNoDependencyForReferencesGcRemoveOrExport() throws Exception {
        FileStore store = new FileStore(tmp.resolve("s"));
        DRef data = store.addDerivation(StoreFixtures.derivation("data", "{}"));
        DRef noted = store.addDerivation(StoreFixtures.derivation("noted", "{}"));
        DRef model = store.addDerivation(StoreFixtures.derivation("model",
                "{\"data\":\"" + data + "\",\"notes\":{\"compare\":\"" + noted + "\"},\"also\":[\"" + noted + "\"]}"));
        RRef dataR = StoreFixtures.commit(store, data, "d");
        RRef notedR = StoreFixtures.commit(store, noted, "n");
        RRef modelR = StoreFixtures.commit(store, model, "m", Map.of(data, List.of(dataR)));

        assertEquals(Set.of(data), store.dependencies(model));
        assertEquals(Set.of(), store.dependents(noted));
        assertEquals(Set.of(model), store.dependents(data));

        Path archive = tmp.resolve("model.zip");
        store.exportClosure(model, archive);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertTrue(zip.getEntry("store-v1/" + data.folderName() + "/derivation.json") != null);
            assertTrue(zip.getEntry("store-v1/" + noted.folderName() + "/derivation.json") == null);
        }

        store.remove(noted, false); // nobody depends on it
        store.addDerivation(StoreFixtures.derivation("noted", "{}"));
        StoreFixtures.commit(store, noted, "n");
        assertThrows(StagedmlException.class, () -> store.remove(data, false));

        store.addRoot("model", model);
        Thread.sleep(5);
        assertEquals(Set.of(noted, notedR), Set.copyOf(store.gc(false).removed()));
        assertTrue(store.realization(modelR).isPresent() && store.realization(dataR).isPresent());
    }

    @Test
    void aKeptDerivationThatCannotBeReadStopsGcAndVerifyNamesIt() throws Exception {
        FileStore store = new FileStore(tmp.resolve("s"));
        DRef data = store.addDerivation(StoreFixtures.derivation("data", "{}"));
        DRef model = store.addDerivation(StoreFixtures.derivation("model", "{\"data\":\"" + data + "\"}"));
        RRef dataR = StoreFixtures.commit(store, data, "d");
        store.addRoot("model", model);
        Path file = store.layout.derivationFile(model);
        Files.delete(file);
        Files.writeString(file, "{not json");
        FileStore fresh = new FileStore(store.root()); // nothing cached
        Thread.sleep(5);
        StagedmlException e = assertThrows(StagedmlException.class, () -> fresh.gc(false));
        assertTrue(e.getMessage().contains("gc refused") && e.getMessage().contains(model.toString())
                && e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(fresh.realization(dataR).isPresent(), "its dependency was not collected");

        VerifyReport r = fresh.verify(List.of());
        assertEquals(List.of("store-v1/" + model.folderName() + "/derivation.json"),
                r.storeProblems().stream().map(VerifyReport.Problem::file).toList());
    }
}
