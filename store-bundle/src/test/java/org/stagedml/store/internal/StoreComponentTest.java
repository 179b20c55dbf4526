package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;

/** The DS wrapper, activated by hand with a configuration as SCR would pass it. */
class StoreComponentTest {
    @TempDir
    Path tmp;

    static StoreComponent.Config config(String root) {
        return config(root, true, new String[0]);
    }

    static StoreComponent.Config config(String root, boolean fsync, String[] homeEntries) {
        return new StoreComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreComponent.Config.class;
            }

            @Override
            public String root() {
                return root;
            }

            @Override
            public boolean fsync() {
                return fsync;
            }

            @Override
            public String[] homeEntries() {
                return homeEntries.clone();
            }

            @Override
            public double checkpointMaxAgeHours() {
                return 168;
            }
        };
    }

    @Test
    void activatesOnTheConfiguredRootAndDelegates() throws Exception {
        StoreComponent component = new StoreComponent();
        component.open(config(tmp.resolve("s").toString()), null);
        assertEquals(tmp.resolve("s"), component.root());
        DRef d = component.addDerivation(StoreFixtures.derivation("s", "{}"));
        RRef r = StoreFixtures.commit(component, d, "x");
        assertEquals(List.of(r), component.realizations(d).stream().map(i -> i.rref()).toList());
        assertTrue(component.verify(List.of()).ok());
        assertTrue(Files.isDirectory(component.failedLogs()));
    }

    @Test
    void aRootThatIsNoStoreIsReportedByEveryCallAndPickedUpOnceFixed() throws Exception {
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "x");
        StoreComponent component = new StoreComponent();
        component.open(config(tmp.toString()), null); // activation must not fail: the commands say why
        assertEquals(tmp, component.root());
        StagedmlException e = assertThrows(StagedmlException.class, () -> component.derivations());
        assertTrue(e.getMessage().contains(tmp + " is not a StagedML store") && e.getMessage().contains("notes.txt"),
                e.getMessage());
        assertThrows(StagedmlException.class, () -> component.roots());
        Files.delete(notes);
        assertEquals(List.of(), component.derivations());
    }

    @Test
    void manyOpenersOfOneNewRootAllSeeAStore() throws Exception {
        // the first opener writes VERSION and content while the others look: none may call it foreign
        for (int round = 0; round < 20; round++) {
            Path root = tmp.resolve("race-" + round);
            List<Callable<FileStore>> openers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                openers.add(() -> {
                    FileStore s = new FileStore(root);
                    s.addDerivation(StoreFixtures.derivation("s", "{}"));
                    return s;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (Future<FileStore> f : pool.invokeAll(openers)) {
                    assertEquals(root, f.get().root());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theHomeEntriesAreTheConfiguredOnesPlusTheFrameworkPropertyWhichDefaultsToTheLaunchersFolders() {
        assertEquals(Set.of("bundles", "config", "cache"), StoreComponent.homeEntries(new String[0], null));
        assertEquals(Set.of(), StoreComponent.homeEntries(null, ""));
        assertEquals(Set.of("a", "b", "c"), StoreComponent.homeEntries(new String[] {"c"}, " a, b ,"));
    }

    @Test
    void aHomeWithTheLaunchersFoldersBecomesAStoreAndOtherFoldersAreStillRefused() throws Exception {
        Path home = tmp.resolve("home");
        for (String f : List.of("bundles", "config", "cache")) {
            Files.createDirectories(home.resolve(f));
        }
        StoreComponent component = new StoreComponent();
        component.open(config(home.toString()), null, null); // the launcher did not say: its default folders
        assertEquals(List.of(), component.derivations());
        assertTrue(Files.isRegularFile(home.resolve("store-v1/VERSION")));

        Path other = tmp.resolve("other");
        Files.createDirectories(other.resolve("bundles"));
        Files.createDirectories(other.resolve("thesis"));
        StoreComponent told = new StoreComponent();
        told.open(config(other.toString(), true, new String[] {"bundles"}), null, "");
        StagedmlException e = assertThrows(StagedmlException.class, told::derivations);
        assertTrue(e.getMessage().contains("is not a StagedML store") && e.getMessage().contains("thesis")
                && !e.getMessage().contains("bundles"), e.getMessage());
    }

    @Test
    void fsyncCanBeTurnedOffForAScratchStore() throws Exception {
        StoreComponent component = new StoreComponent();
        component.open(config(tmp.resolve("scratch").toString(), false, new String[0]), null, null);
        DRef d = component.addDerivation(StoreFixtures.derivation("s", "{}"));
        RRef r = StoreFixtures.commit(component, d, "x");
        assertTrue(component.verify(List.of(r)).ok());
        assertTrue(component.toString().contains("fsync off"), component.toString());
    }
}
