package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.Store;

/**
 * Follows dotted paths through dependencies: a config value ({@code bert.checkpoint}), the
 * realization used for a dependency (from the realization's own context), a file in it, metrics.
 */
final class Navigator {
    private final Store store;

    Navigator(Store store) {
        this.store = store;
    }

    Config config(DRef dref) {
        return store.derivation(dref).orElseThrow(() -> new StagedmlException(
                "derivation " + dref + " is not in the store")).config();
    }

    /** The value at a dotted path, starting from a config; every segment but the last must hold a dref. */
    JsonNode configValue(Config start, String startName, String path) {
        if (path == null || path.isEmpty()) {
            return start.toJson();
        }
        String[] segments = path.split("\\.", -1);
        Config config = start;
        String where = startName;
        for (int i = 0; i < segments.length; i++) {
            String field = segments[i];
            String at = where;
            JsonNode v = config.get(field).orElseThrow(() -> new StagedmlException(
                    "no config field '" + field + "' in " + describe(path, at)));
            if (i == segments.length - 1) {
                return v;
            }
            if (!v.isTextual() || !DRef.isDRef(v.textValue())) {
                throw new StagedmlException("config field '" + field + "' is not a dependency, so path '"
                        + path + "' cannot go through it (its value is " + v + ")");
            }
            DRef dep = DRef.parse(v.textValue());
            config = config(dep);
            where = dep.toString();
        }
        throw new IllegalStateException("unreachable");
    }

    JsonNode configValue(RRef rref, String path) {
        return configValue(config(rref.dref()), rref.toString(), path);
    }

    RRef dependency(RRef rref, String path) {
        if (path == null || path.isEmpty()) {
            return rref;
        }
        RRef current = rref;
        for (String field : path.split("\\.", -1)) {
            Config config = config(current.dref());
            JsonNode v = config.get(field).orElseThrow(() -> new StagedmlException(
                    "no dependency field '" + field + "' in " + describe(path, rref.toString())));
            if (!v.isTextual() || !DRef.isDRef(v.textValue())) {
                throw new StagedmlException("config field '" + field + "' of " + current.dref()
                        + " is not a dependency (its value is " + v + ")");
            }
            DRef dep = DRef.parse(v.textValue());
            RealizationInfo info = info(current);
            List<RRef> used = info.context().get(dep);
            if (used == null || used.isEmpty()) {
                throw new StagedmlException("realization " + current + " records no realization of " + dep
                        + " in its context.json");
            }
            current = used.get(0);
        }
        return current;
    }

    Path path(RRef rref, String dependencyPath, String file) {
        RRef target = dependency(rref, dependencyPath);
        Path root = store.path(target);
        if (file == null || file.isEmpty()) {
            return root;
        }
        Path p = root.resolve(file).normalize();
        if (!p.startsWith(root)) {
            throw new StagedmlException("file '" + file + "' lies outside realization " + target);
        }
        if (!Files.exists(p)) {
            throw new StagedmlException("realization " + target + " has no file '" + file + "'");
        }
        return p;
    }

    Map<String, Double> metrics(RRef rref) {
        return info(rref).metrics();
    }

    private RealizationInfo info(RRef rref) {
        return store.realization(rref).orElseThrow(() -> new StagedmlException(
                "realization " + rref + " is not in the store"));
    }

    private static String describe(String path, String where) {
        return "path '" + path + "' (at " + where + ")";
    }
}
