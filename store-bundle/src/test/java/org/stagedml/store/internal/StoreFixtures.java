package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.store.BuildMetadata;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.Store;

/** Small helpers shared by the store tests. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static Derivation derivation(String stage, String json) {
        return new Derivation(stage, 1, Config.parse(json));
    }

    static BuildMetadata meta() {
        return new BuildMetadata(1, "org.example.bundle", "1.2.3", Instant.now(), Map.of("host", "test"));
    }

    /** Builds and commits one realization whose file {@code out.txt} holds the text. */
    static RRef commit(Store store, DRef dref, String text) throws IOException {
        return commit(store, dref, text, Map.of());
    }

    static RRef commit(Store store, DRef dref, String text, Map<DRef, List<RRef>> context) throws IOException {
        try (PendingRealization p = store.begin(dref)) {
            Files.writeString(p.out().resolve("out.txt"), text);
            Files.writeString(p.meta().resolve("build.log"), "built " + text + "\n");
            return p.commit(context, List.of("out.txt"), meta());
        }
    }
}
