package org.stagedml.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stagedml.api.CanonicalJson;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.BuildMetadata;

/**
 * The small JSON files of a realization: {@code context.json} (hashed), {@code metrics.json}
 * (hashed, written by the build), and {@code _meta/meta.json} and {@code _meta/manifest.json}
 * (not hashed).
 */
final class RealizationFiles {
    static final String CONTEXT = "context.json";
    static final String META = TreeHasher.META;

    /**
     * Whether a path relative to a realization is the store's own (its context or metadata), not an
     * output. A path that is absolute or leaves the realization is a StagedmlException.
     */
    static boolean isStoreOwn(Path relative) {
        Path p = relative.normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new StagedmlException("'" + relative + "' is not a path inside a realization");
        }
        String first = p.getName(0).toString();
        return p.getNameCount() == 1 && first.equals(CONTEXT) || first.equals(META);
    }

    static final String METRICS = "metrics.json";
    static final String META_JSON = TreeHasher.META + "/meta.json";
    static final String MANIFEST_JSON = TreeHasher.META + "/manifest.json";

    private RealizationFiles() {
    }

    /** The canonical context document: DRefs sorted, each with its sorted, distinct RRefs. */
    static String contextJson(Map<DRef, List<RRef>> context) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(context).forEach((dref, rrefs) -> {
            ArrayNode a = o.putArray(dref.toString());
            rrefs.stream().map(RRef::toString).distinct().sorted().forEach(a::add);
        });
        return CanonicalJson.write(o);
    }

    static Map<DRef, List<RRef>> readContext(Path realization) throws IOException {
        Path file = realization.resolve(CONTEXT);
        Map<DRef, List<RRef>> context = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return context;
        }
        JsonNode node = Json.mapper().readTree(file.toFile());
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<RRef> rrefs = new ArrayList<>();
            e.getValue().forEach(r -> rrefs.add(RRef.parse(r.asText())));
            context.put(DRef.parse(e.getKey()), List.copyOf(rrefs));
        }
        return context;
    }

    static Map<String, Double> readMetrics(Path realization, StoreLog log) {
        Path file = realization.resolve(METRICS);
        Map<String, Double> metrics = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return metrics;
        }
        try {
            JsonNode node = Json.mapper().readTree(file.toFile());
            if (node != null && node.isObject()) {
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isNumber()) {
                        metrics.put(e.getKey(), e.getValue().doubleValue());
                    }
                });
            }
        } catch (IOException e) {
            // a malformed metrics.json means no metrics (matchers by metric pass it over), not an unreadable store
            log.warn("the metrics of " + realization + " cannot be read, so matchers see none: " + e.getMessage());
        }
        return metrics;
    }

    static byte[] metaJson(BuildMetadata m, Instant finished, long size) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("stageVersion", m.stageVersion());
        o.put("bundle", m.bundle());
        o.put("bundleVersion", m.bundleVersion());
        o.put("started", (m.started() == null ? finished : m.started()).toString());
        o.put("finished", finished.toString());
        o.put("size", size);
        ObjectNode notes = o.putObject("notes");
        new TreeMap<>(m.notes()).forEach(notes::put);
        return Json.mapper().writeValueAsBytes(o);
    }

    static byte[] manifestJson(TreeHasher.Manifest manifest) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("hash", manifest.hash());
        ArrayNode entries = o.putArray("entries");
        for (TreeHasher.Entry e : manifest.entries()) {
            entries.addArray().add(e.type()).add(e.digest()).add(e.path()).add(e.size());
        }
        return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(o);
    }

    static TreeHasher.Manifest readManifest(Path realization) throws IOException {
        JsonNode node = Json.mapper().readTree(realization.resolve(MANIFEST_JSON).toFile());
        List<TreeHasher.Entry> entries = new ArrayList<>();
        for (JsonNode e : node.path("entries")) {
            entries.add(new TreeHasher.Entry(e.get(0).asText(), e.get(1).asText(), e.get(2).asText(), e.get(3).asLong()));
        }
        return new TreeHasher.Manifest(entries, node.path("hash").asText());
    }

    /** The notes of a realization's meta.json; empty when it has none or cannot be read. */
    static Map<String, String> readNotes(Path realization) {
        Map<String, String> notes = new TreeMap<>();
        try {
            Path metaFile = realization.resolve(META_JSON);
            if (Files.isRegularFile(metaFile)) {
                Json.mapper().readTree(Files.readString(metaFile, StandardCharsets.UTF_8)).path("notes").fields()
                        .forEachRemaining(e -> notes.put(e.getKey(), e.getValue().asText()));
            }
        } catch (IOException e) {
            // _meta/ is not hashed: a damaged meta.json costs the notes, not the realization
        }
        return notes;
    }

    /** Reads what the store knows of a realization folder. */
    static RealizationInfo info(RRef rref, Path dir, StoreLog log) {
        try {
            JsonNode meta = JsonNodeFactory.instance.objectNode();
            Path metaFile = dir.resolve(META_JSON);
            if (Files.isRegularFile(metaFile)) {
                try {
                    meta = Json.mapper().readTree(Files.readString(metaFile, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // _meta/ is not hashed: a damaged meta.json costs the metadata, not the realization
                    log.warn("the metadata of " + rref + " (" + metaFile + ") cannot be read; its times and size"
                            + " come from the folder: " + e.getMessage());
                }
            }
            Instant finished = instant(meta.path("finished").asText(null),
                    Files.getLastModifiedTime(dir).toInstant());
            Instant started = instant(meta.path("started").asText(null), finished);
            long size = meta.has("size") ? meta.get("size").asLong() : FileTrees.size(dir);
            return new RealizationInfo(rref, dir, meta.path("stageVersion").asInt(0),
                    meta.path("bundle").asText(""), meta.path("bundleVersion").asText(""),
                    started, finished, size, readMetrics(dir, log), readContext(dir));
        } catch (IOException | RuntimeException e) {
            throw new StagedmlException("cannot read realization " + rref + " at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(String text, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
