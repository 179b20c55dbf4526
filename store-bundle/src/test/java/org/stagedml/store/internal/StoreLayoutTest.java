package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;

class StoreLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyFolderBecomesAStoreAndReopens() throws Exception {
        new FileStore(tmp);
        assertEquals("1\n", Files.readString(tmp.resolve("store-v1/VERSION")));
        new FileStore(tmp);
    }

    @Test
    void aFolderThatIsNoStoreIsRefused() throws Exception {
        Files.writeString(tmp.resolve("thesis.tex"), "x");
        StagedmlException e = assertThrows(StagedmlException.class, () -> new FileStore(tmp));
        assertTrue(e.getMessage().contains("is not a StagedML store") && e.getMessage().contains("thesis.tex"), e.getMessage());
        assertEquals(1, Files.list(tmp).count(), "nothing was created");
    }

    @Test
    void aFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        StagedmlException e = assertThrows(StagedmlException.class, () -> new FileStore(file));
        assertTrue(e.getMessage().contains("is not a StagedML store"), e.getMessage());
    }

    @Test
    void anotherFormatVersionIsRefused() throws Exception {
        new FileStore(tmp);
        Files.writeString(tmp.resolve("store-v1/VERSION"), "2\n");
        StagedmlException e = assertThrows(StagedmlException.class, () -> new FileStore(tmp));
        assertTrue(e.getMessage().contains("format version '2'"), e.getMessage());
    }

    @Test
    void theRootFollowsConfigThenPropertyThenEnvironmentThenHome() {
        assertEquals(Paths.get("/c"), StoreComponent.resolveRoot("/c", "/p", "/e", "/h"));
        assertEquals(Paths.get("/p"), StoreComponent.resolveRoot("", "/p", "/e", "/h"));
        assertEquals(Paths.get("/e"), StoreComponent.resolveRoot(" ", null, "/e", "/h"));
        assertEquals(Paths.get("/h/.stagedml"), StoreComponent.resolveRoot(null, null, "", "/h"));
        assertEquals(Paths.get("/h/s"), StoreComponent.resolveRoot("~/s", null, null, "/h"));
    }

    @Test
    void theStoreKnowsNoFolderOfTheHomeUnlessTold() throws Exception {
        Files.createDirectories(tmp.resolve("bundles"));
        Files.createDirectories(tmp.resolve("config"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> new FileStore(tmp));
        assertTrue(e.getMessage().contains("(bundles, config)"), e.getMessage());
        new FileStore(tmp, StoreOptions.DEFAULTS.withHomeEntries(java.util.List.of("bundles", "config")));
        assertTrue(Files.isRegularFile(tmp.resolve("store-v1/VERSION")));
    }

    @Test
    void userFoldersAreRecognisedAfterARestartEvenWithoutTheStoreFolder() throws Exception {
        FileStore store = new FileStore(tmp);
        Path plots = store.userFolder("plots");
        assertEquals(tmp.resolve("plots"), plots);
        assertEquals(plots, store.userFolder("plots"), "idempotent");
        Files.writeString(plots.resolve("a.png"), "png");
        FileTrees.deleteTree(tmp.resolve("store-v1")); // a user starting the store afresh keeps the plots
        new FileStore(tmp);
        assertEquals("png", Files.readString(plots.resolve("a.png")));
    }

    @Test
    void aUserFolderIsNeitherTheStoresOwnNorAHomeEntryNorAPath() throws Exception {
        FileStore store = new FileStore(tmp, StoreOptions.DEFAULTS.withHomeEntries(java.util.List.of("config")));
        for (String kind : new String[] {"roots", "store-v1", "tmp", "locks", "config", "../x", "a/b", "", ".hidden"}) {
            assertThrows(StagedmlException.class, () -> store.userFolder(kind), kind);
        }
        assertEquals(java.util.List.of(), Files.list(tmp).map(p -> p.getFileName().toString())
                .filter(n -> !n.matches("store-v1|tmp|locks|roots|logs")).toList());
    }

    @Test
    void theLogsUserFolderIsTheStoresLogFolder() throws Exception {
        FileStore store = new FileStore(tmp);
        Path logs = store.userFolder("logs");
        assertEquals(tmp.resolve("logs"), logs);
        assertFalse(Files.exists(logs.resolve(StoreLayout.USER_FOLDER_MARK)), "the store's own folder carries no user-folder mark");
    }

    @Test
    void homeEntriesMustBeSimpleNames() {
        assertThrows(StagedmlException.class, () -> StoreOptions.DEFAULTS.withHomeEntries(java.util.List.of("../etc")));
    }
}
