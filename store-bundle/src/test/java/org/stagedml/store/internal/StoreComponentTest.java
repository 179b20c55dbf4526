package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        return new StoreComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreComponent.Config.class;
            }

            @Override
            public String root() {
                return root;
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
    void refusesARootThatIsNoStore() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "x");
        StoreComponent component = new StoreComponent();
        assertThrows(StagedmlException.class, () -> component.open(config(tmp.toString()), null));
    }
}
