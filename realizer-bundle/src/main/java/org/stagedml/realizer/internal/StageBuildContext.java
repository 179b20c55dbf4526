package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.BuildRules;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.store.Store;

/**
 * What one build sees. The log is written as it goes to {@code _meta/build.log} of the pending
 * realization (through a plain FileOutputStream: an interrupt on cancel must not close it).
 */
final class StageBuildContext implements BuildContext {
    private final DRef dref;
    private final Config config;
    private final Path out;
    private final int instance;
    private final Map<DRef, List<RRef>> dependencies;
    private final Store store;
    private final Navigator navigator;
    private final List<String> devices;
    private final BooleanSupplier cancelled;
    private final BiConsumer<RealizeEvent.Type, Object[]> events;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Path logFile;
    private Writer log;
    private Checkpoint checkpoint; // made on first use

    /**
     * @param dependencies for each dependency DRef, the realizations selected for it in this run
     * @param events receives PROGRESS (fraction, message) and LOG (line) reports
     */
    StageBuildContext(DRef dref, Config config, Path out, int instance, Map<DRef, List<RRef>> dependencies,
            Store store, Navigator navigator, List<String> devices, Path logFile, BooleanSupplier cancelled,
            BiConsumer<RealizeEvent.Type, Object[]> events) throws IOException {
        this.dref = dref;
        this.config = config;
        this.out = out;
        this.instance = instance;
        this.dependencies = dependencies;
        this.store = store;
        this.navigator = navigator;
        this.devices = List.copyOf(devices);
        this.cancelled = cancelled;
        this.events = events;
        this.logFile = logFile;
        java.nio.file.Files.createDirectories(logFile.getParent());
        this.log = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(logFile.toFile(), true),
                StandardCharsets.UTF_8));
    }

    @Override
    public DRef dref() {
        return dref;
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
        return instance;
    }

    private DRef dependencyDRef(String field) {
        JsonNode v = config.get(field).orElse(null);
        if (v == null || !v.isTextual() || !DRef.isDRef(v.textValue())) {
            throw new StagedmlException("config field '" + field + "' of " + dref + " is not a dependency; "
                    + "its dependencies are " + config.dependencies().keySet());
        }
        return DRef.parse(v.textValue());
    }

    @Override
    public RRef dependency(String field) {
        DRef dep = dependencyDRef(field);
        List<RRef> used = dependencies.get(dep);
        if (used == null || used.isEmpty()) {
            throw new StagedmlException("no realization of " + dep + " was selected for " + dref);
        }
        return used.get(0);
    }

    @Override
    public Path dependencyPath(String field) {
        return store.path(dependency(field));
    }

    @Override
    public Path metadataFolder() throws java.io.IOException {
        return java.nio.file.Files.createDirectories(logFile.getParent()); // the pending realization's metadata folder
    }

    @Override
    public boolean reserved(Path relative) {
        return store.reserved(relative);
    }

    @Override
    public List<Path> dependencyFiles(String field) throws java.io.IOException {
        return store.outputFiles(dependency(field));
    }

    @Override
    public Config dependencyConfig(String field) {
        return navigator.config(dependencyDRef(field));
    }

    @Override
    public JsonNode configValue(String path) {
        return navigator.configValue(config, dref.toString(), path);
    }

    @Override
    public void progress(double fraction, String message) {
        events.accept(RealizeEvent.Type.PROGRESS, new Object[] {BuildRules.progress(fraction), message == null ? "" : message});
    }

    @Override
    public void log(String line) {
        String l = BuildRules.logLine(line);
        synchronized (this) {
            if (log != null) {
                try {
                    log.write(l);
                    log.write('\n');
                    log.flush();
                } catch (IOException e) {
                    // the log is best effort; the build itself goes on
                }
            }
        }
        events.accept(RealizeEvent.Type.LOG, new Object[] {l});
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public void writeMetrics(Map<String, ? extends Number> metrics) throws IOException {
        Json.mapper().writeValue(out.resolve("metrics.json").toFile(), BuildRules.metrics(dref, metrics));
    }

    @Override
    public synchronized void appendHistory(Map<String, ?> record) throws IOException {
        String line = BuildRules.historyLine(dref, record);
        try (Writer w = new OutputStreamWriter(new FileOutputStream(out.resolve("history.jsonl").toFile(), true),
                StandardCharsets.UTF_8)) {
            w.write(line);
            w.write('\n');
        }
    }

    @Override
    public List<String> devices() {
        return devices;
    }

    @Override
    public synchronized void note(String key, String value) {
        notes.put(key, BuildRules.noteValue(dref, key, value));
    }

    @Override
    public synchronized Checkpoint checkpoint() {
        if (checkpoint == null) {
            checkpoint = store.checkpoint(dref, instance, w -> log("WARNING: " + w));
        }
        return checkpoint;
    }

    synchronized Map<String, String> notes() {
        return new LinkedHashMap<>(notes);
    }

    /** Appends text (e.g. a stack trace) to the log without an event. */
    synchronized void appendRaw(String text) {
        if (log != null) {
            try {
                log.write(text);
                log.flush();
            } catch (IOException e) {
                // best effort
            }
        }
    }

    synchronized void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                // best effort
            }
            log = null;
        }
    }

    Path logFile() {
        return logFile;
    }
}
