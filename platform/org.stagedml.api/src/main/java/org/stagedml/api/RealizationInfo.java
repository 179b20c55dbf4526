package org.stagedml.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the store knows of one realization.
 *
 * @param rref its reference
 * @param path its read-only folder
 * @param stageVersion the stage version that built it
 * @param bundle symbolic name of the bundle that provided the stage ("" when unknown)
 * @param bundleVersion that bundle's version ("" when unknown)
 * @param started when its build started
 * @param finished when its build finished (the commit time)
 * @param sizeBytes the size of its files
 * @param metrics the flat map of metrics.json (empty when there is none)
 * @param context for each dependency DRef, the RRefs the build used
 */
public record RealizationInfo(RRef rref, Path path, int stageVersion, String bundle, String bundleVersion,
        Instant started, Instant finished, long sizeBytes, Map<String, Double> metrics,
        Map<DRef, List<RRef>> context) {

    public RealizationInfo {
        metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
        context = Map.copyOf(context == null ? Map.of() : context);
    }

    public DRef dref() {
        return rref.dref();
    }

    public OptionalDouble metric(String name) {
        Double v = metrics.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
