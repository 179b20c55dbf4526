package org.stagedml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.engine.Engine;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.GpuDiscovery;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/**
 * The real store, stage registry and realizer on a folder, without a framework: what a test of
 * stages needs to realize them as the platform does and read the results. Stages are added by
 * the test (as DS would register them); {@link #close()} stops the realizer.
 *
 * <pre>
 * try (RealizeFixture f = new RealizeFixture(tmp).add(new HelloStage())) {
 *     RRef r = f.realize("example-hello", Map.of("greeting", "hi"));
 *     assertEquals("hi\n", Files.readString(f.file(r, "hello.txt")));
 * }
 * </pre>
 *
 * Test support may use the store's and realizer's implementation classes (they are on the test
 * class path); the tests using this fixture then need neither.
 */
public final class RealizeFixture implements AutoCloseable {
    /** The bundle version recorded for stages added with a bundle name. */
    public static final String BUNDLE_VERSION = "0.1.0";

    private final Path root;
    private final FileStore store;
    private final StageRegistry registry = new StageRegistry();
    private final DefaultRealizer realizer;

    /** A store at {@code root} (created when absent) and a realizer with two CPU workers and no GPU. */
    public RealizeFixture(Path root) {
        this(root, 2);
    }

    /** A store at {@code root} and a realizer with {@code cpuWorkers} CPU workers and no GPU. */
    public RealizeFixture(Path root, int cpuWorkers) {
        this(new FileStore(root), cpuWorkers);
    }

    /** Over a store the test opened itself (e.g. in a child JVM), with two CPU workers and no GPU. */
    public RealizeFixture(FileStore store) {
        this(store, 2);
    }

    private RealizeFixture(FileStore store, int cpuWorkers) {
        this(store, new RealizerSettings(cpuWorkers, 0), GpuDiscovery.none());
    }

    /**
     * A store at {@code root} and a realizer with these slots; GPUs (with
     * {@link RealizerSettings#DISCOVER}) as the engines report them, e.g. {@link TestEngine#withGpus}.
     */
    public RealizeFixture(Path root, RealizerSettings settings, Engine... engines) {
        this(new FileStore(root), settings, new GpuDiscovery(() -> List.of(engines)));
    }

    private RealizeFixture(FileStore store, RealizerSettings settings, GpuDiscovery gpus) {
        this.root = store.root();
        this.store = store;
        this.realizer = new DefaultRealizer(store, registry, settings, gpus);
    }

    /** Registers stages without a bundle (the store records none). */
    public RealizeFixture add(Stage... stages) {
        for (Stage s : stages) {
            registry.add(s);
        }
        return this;
    }

    /** Registers stages as provided by {@code bundle} at {@link #BUNDLE_VERSION}, as the store then records. */
    public RealizeFixture add(String bundle, Stage... stages) {
        for (Stage s : stages) {
            registry.add(s, bundle, BUNDLE_VERSION);
        }
        return this;
    }

    /** Unregisters a stage, as when its bundle stops. */
    public RealizeFixture remove(Stage stage) {
        registry.remove(stage);
        return this;
    }

    public Path root() {
        return root;
    }

    public FileStore store() {
        return store;
    }

    public StageRegistry registry() {
        return registry;
    }

    public DefaultRealizer realizer() {
        return realizer;
    }

    /** Instantiates and realizes with the default options; the one realization, else an AssertionError. */
    public RRef realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        List<RRef> r = realize(stage, overrides, RealizeOptions.defaults());
        if (r.size() != 1) {
            throw new AssertionError("expected one realization of " + stage + ", got " + r);
        }
        return r.get(0);
    }

    /** Instantiates and realizes with these options; the realizations of the requested derivation. */
    public List<RRef> realize(String stage, Map<String, ?> overrides, RealizeOptions options) throws InterruptedException {
        return realizer.realize(realizer.instantiate(stage, overrides), options);
    }

    /** The read-only folder of a realization. */
    public Path path(RRef rref) {
        return store.path(rref);
    }

    /** A file of a realization, by its path relative to the realization's folder. */
    public Path file(RRef rref, String relative) {
        return store.path(rref).resolve(relative);
    }

    /** The output files of a realization (relative, sorted, without the store's own files). */
    public List<Path> outputFiles(RRef rref) throws IOException {
        return store.outputFiles(rref);
    }

    /** The realization a dependency path ({@code archive}, {@code features.glue}) of a realization used. */
    public RRef dependency(RRef rref, String path) {
        return realizer.dependency(rref, path);
    }

    /** The metrics of a realization (its metrics.json). */
    public Map<String, Double> metrics(RRef rref) {
        return realizer.metrics(rref);
    }

    /**
     * The notes the build recorded ({@code BuildContext.note}), read from the metadata the store
     * keeps with the realization ({@code _meta/meta.json}: this class is the one test-side reader
     * of it).
     */
    public Map<String, String> notes(RRef rref) throws IOException {
        JsonNode meta = Json.mapper().readTree(store.path(rref).resolve("_meta/meta.json").toFile());
        Map<String, String> notes = new LinkedHashMap<>();
        meta.path("notes").fields().forEachRemaining(e -> notes.put(e.getKey(), e.getValue().asText()));
        return notes;
    }

    /**
     * What builds left in the store's temporary folder, lock files aside: empty after every build
     * finished, failed or was cancelled.
     */
    public List<String> leftovers() throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).sorted().toList();
        }
    }

    @Override
    public void close() {
        realizer.close();
    }
}
