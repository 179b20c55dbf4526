package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.stage.BuildContext;

/**
 * A BuildContext over plain folders, as the realizer gives a build: an output folder, dependency
 * folders by field, metrics.json and history.jsonl written at the output root.
 */
final class FolderBuildContext implements BuildContext {
    final Path out;
    final Config config;
    final Map<String, Path> dependencies;
    final Map<String, String> notes = new LinkedHashMap<>();
    final List<String> logs = new ArrayList<>();
    final List<Double> progress = new ArrayList<>();
    BooleanSupplier cancel = () -> false;

    FolderBuildContext(Path out, Config config, Map<String, Path> dependencies) {
        this.out = out;
        this.config = config;
        this.dependencies = dependencies;
    }

    @Override
    public DRef dref() {
        return DRef.parse("dref:0123456789abcdef0123456789abcdef-convnet-mnist");
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
        throw new UnsupportedOperationException("no rrefs in folder builds");
    }

    @Override
    public Path dependencyPath(String field) {
        Path p = dependencies.get(field);
        if (p == null) {
            throw new IllegalArgumentException("no dependency " + field);
        }
        return p;
    }

    @Override
    public Config dependencyConfig(String field) {
        return Config.empty();
    }

    @Override
    public JsonNode configValue(String path) {
        return config.get(path).orElseThrow();
    }

    @Override
    public void progress(double fraction, String message) {
        progress.add(fraction);
    }

    @Override
    public void log(String line) {
        logs.add(line);
    }

    @Override
    public boolean cancelled() {
        return cancel.getAsBoolean();
    }

    @Override
    public void writeMetrics(Map<String, ? extends Number> metrics) throws IOException {
        Json.mapper().writeValue(out.resolve("metrics.json").toFile(), metrics);
    }

    @Override
    public void appendHistory(Map<String, ?> record) throws IOException {
        Files.writeString(out.resolve("history.jsonl"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(record) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Override
    public List<String> devices() {
        return List.of("cpu");
    }

    @Override
    public void note(String key, String value) {
        notes.put(key, value);
    }
}
