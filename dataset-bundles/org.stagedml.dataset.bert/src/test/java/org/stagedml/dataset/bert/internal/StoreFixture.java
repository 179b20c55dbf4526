package org.stagedml.dataset.bert.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Stage;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/** The real FileStore and realizer in a temporary folder, with the real fetchurl and this bundle's stages. */
final class StoreFixture implements AutoCloseable {
    final FileStore store;
    final DefaultRealizer realizer;

    /** With the stand-in glue stage. */
    StoreFixture(Path root) {
        this(root, FixtureGlue.stage());
    }

    StoreFixture(Path root, Stage glue) {
        store = new FileStore(root);
        StageRegistry registry = new StageRegistry();
        registry.add(new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ZERO)));
        registry.add(new BertCheckpointStage());
        registry.add(new BertRandomInitStage());
        registry.add(new GlueFeaturesStage());
        registry.add(glue);
        realizer = new DefaultRealizer(store, registry, new RealizerSettings(2, 0));
    }

    RRef realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        List<RRef> r = realizer.realize(realizer.instantiate(stage, overrides), RealizeOptions.defaults());
        if (r.size() != 1) {
            throw new AssertionError("expected one realization, got " + r);
        }
        return r.get(0);
    }

    Path path(RRef rref) {
        return store.path(rref);
    }

    @Override
    public void close() {
        realizer.close();
    }
}
