package org.stagedml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.BuildRules;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.Stage;

/**
 * A BuildContext over a plain folder, for calling a stage's build directly in a unit test: the
 * config is the stage's schema applied to overrides; dependencies are folders the test puts in
 * {@link #dependencyPaths}; logs, progress and notes are recorded. What a build reports is checked
 * by the same {@link BuildRules} as in the realizer (finite metrics, usable metric names, history
 * records, note keys), so a stage that passes here does not fail there. {@link #metadataFolder()}
 * and {@link #reserved} mirror a pending realization of the store ({@code _meta/}, {@code context.json}).
 */
public final class FolderBuildContext implements BuildContext {
    public final Config config;
    public final Path out;
    public final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    public final List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, String> notes = new LinkedHashMap<>();
    public final Map<String, Path> dependencyPaths = new LinkedHashMap<>();
    public final Map<String, Config> dependencyConfigs = new LinkedHashMap<>();
    public final AtomicBoolean cancelled = new AtomicBoolean();

    /** What {@link #checkpoint()} returns; keeps nothing unless a test sets one (e.g. a store's). */
    public volatile Checkpoint checkpoint = Checkpoint.none();

    /** What {@link #devices()} returns: the CPU unless a test grants {@code gpu:<k>}. */
    public volatile List<String> devices = List.of("cpu");

    /** Cancels the build once this says so (tests cancel after some progress, say). */
    public volatile java.util.function.BooleanSupplier cancel = () -> false;

    /** A context for a given final config, with dependency folders by field. */
    public FolderBuildContext(Path out, Config config, Map<String, Path> dependencies) {
        this.config = config;
        this.out = out;
        this.dependencyPaths.putAll(dependencies);
    }

    public FolderBuildContext(Stage stage, Map<String, ?> overrides, Path out) {
        this.config = stage.schema().apply(stage.name(), overrides);
        this.out = out;
    }

    private static final DRef DREF = new DRef("0123456789abcdef0123456789abcdef", "test");

    @Override
    public DRef dref() {
        return DREF;
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public Path out() {
        return out;
    }

    @Override
    public int instance() {
        return 0;
    }

    @Override
    public RRef dependency(String field) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path dependencyPath(String field) {
        return dependencyPaths.get(field);
    }

    /** {@code _meta} under the output folder, as a pending realization keeps it. */
    @Override
    public Path metadataFolder() throws java.io.IOException {
        return java.nio.file.Files.createDirectories(out.resolve("_meta"));
    }

    @Override
    public boolean reserved(Path relative) {
        String first = relative.getName(0).toString();
        return first.equals("_meta") || relative.getNameCount() == 1 && first.equals("context.json");
    }

    /** The regular files under the dependency's folder, relative and sorted, without what {@link #reserved} names. */
    @Override
    public List<Path> dependencyFiles(String field) throws java.io.IOException {
        Path dir = dependencyPath(field);
        if (dir == null) {
            throw new IllegalArgumentException("no dependency folder for field '" + field + "': put one in dependencyPaths");
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).map(dir::relativize).filter(p -> !reserved(p))
                    .sorted().toList();
        }
    }

    @Override
    public Config dependencyConfig(String field) {
        return dependencyConfigs.get(field);
    }

    @Override
    public JsonNode configValue(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void progress(double fraction, String message) {
        progress.add(BuildRules.progress(fraction));
    }

    @Override
    public void log(String line) {
        logs.add(BuildRules.logLine(line));
    }

    @Override
    public boolean cancelled() {
        return cancelled.get() || cancel.getAsBoolean();
    }

    @Override
    public void writeMetrics(Map<String, ? extends Number> metrics) throws java.io.IOException {
        org.stagedml.api.Json.mapper().writeValue(out.resolve("metrics.json").toFile(), BuildRules.metrics(dref(), metrics));
    }

    @Override
    public synchronized void appendHistory(Map<String, ?> record) throws java.io.IOException {
        java.nio.file.Files.writeString(out.resolve("history.jsonl"), BuildRules.historyLine(dref(), record) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public List<String> devices() {
        return devices;
    }

    @Override
    public synchronized void note(String key, String value) {
        notes.put(key, BuildRules.noteValue(dref(), key, value));
    }
}
