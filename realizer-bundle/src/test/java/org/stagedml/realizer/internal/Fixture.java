package org.stagedml.realizer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.model.examples.internal.ChainStage;
import org.stagedml.model.examples.internal.FailStage;
import org.stagedml.model.examples.internal.HelloStage;
import org.stagedml.model.examples.internal.RandomStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.store.internal.FileStore;

/** A real FileStore in a temporary folder, the example stages registered, and a realizer over them. */
final class Fixture implements AutoCloseable {
    final Path root;
    final FileStore store;
    final StageRegistry registry = new StageRegistry();
    final DefaultRealizer realizer;
    final Events events = new Events();

    Fixture(Path root) {
        this(root, new RealizerSettings(4, 0));
    }

    Fixture(Path root, RealizerSettings settings) {
        this.root = root;
        this.store = new FileStore(root);
        registry.add(new HelloStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new ChainStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new RandomStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new FailStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new SleepStage(), "org.stagedml.model.examples", "0.1.0");
        this.realizer = new DefaultRealizer(store, registry, settings);
        realizer.addListener(events);
    }

    Closure instantiate(String stage, Map<String, ?> overrides) {
        return realizer.instantiate(stage, overrides);
    }

    List<RRef> realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        return realizer.realize(instantiate(stage, overrides), RealizeOptions.defaults());
    }

    RRef realizeOne(String stage, Map<String, ?> overrides) throws InterruptedException {
        List<RRef> r = realize(stage, overrides);
        if (r.size() != 1) {
            throw new AssertionError("expected one realization, got " + r);
        }
        return r.get(0);
    }

    /** Entries left under tmp/ (builds in progress leave a folder and a .lock file there). */
    List<Path> tmpEntries() throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /** Every file under store-v1 (relative), to compare the store before and after. */
    List<String> storeFiles() throws IOException {
        Path s = root.resolve("store-v1");
        if (!Files.isDirectory(s)) {
            return List.of();
        }
        try (Stream<Path> w = Files.walk(s)) {
            return w.map(p -> s.relativize(p).toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        realizer.close();
    }

    /** Records every event. */
    static final class Events implements RealizeListener {
        final List<RealizeEvent> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(RealizeEvent event) {
            all.add(event);
        }

        List<RealizeEvent> of(RealizeEvent.Type type) {
            synchronized (all) {
                return all.stream().filter(e -> e.type() == type).toList();
            }
        }

        List<RealizeEvent> of(RealizeEvent.Type type, DRef dref) {
            return of(type).stream().filter(e -> e.dref().equals(dref)).toList();
        }

        long count(RealizeEvent.Type type, String stage) {
            return of(type).stream().filter(e -> e.dref().name().equals(stage)).count();
        }

        void clear() {
            all.clear();
        }

        /** Waits until an event of that type for that stage arrives. */
        RealizeEvent await(RealizeEvent.Type type, String stage, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                synchronized (all) {
                    for (RealizeEvent e : all) {
                        if (e.type() == type && e.dref().name().equals(stage)) {
                            return e;
                        }
                    }
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no " + type + " event for " + stage + " within " + millis + " ms");
        }
    }
}
