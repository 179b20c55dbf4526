package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Resources;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.realize.StageSummary;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** What the realizer tells about a registered stage: its summary (no activation) or its details (asks the stage). */
final class StageDetails {
    private StageDetails() {
    }

    static StageSummary summary(RegisteredStage rs) {
        return new StageSummary(rs.name(), rs.version(), rs.bundle(), rs.bundleVersion(), rs.description());
    }

    /**
     * The details of the default config. A stage with required fields may not derive its
     * dependencies or resources from the defaults alone; then they are left out (empty, null) and
     * {@link StageInfo#problem()} says why, rather than a guess standing in for them.
     */
    static StageInfo of(RegisteredStage rs) {
        Stage s = rs.stage();
        ConfigSchema schema = s.schema();
        Config defaults = schema.defaults();
        List<String> problems = new ArrayList<>();
        Map<String, String> deps = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Dependency> e : s.dependencies(defaults).entrySet()) {
                deps.put(e.getKey(), e.getValue().stage());
            }
        } catch (RuntimeException e) {
            deps.clear();
            problems.add("its dependencies cannot be derived from the default config: " + message(e));
        }
        Resources resources = null;
        try {
            resources = s.resources(defaults);
        } catch (RuntimeException e) {
            problems.add("its resources cannot be derived from the default config: " + message(e));
        }
        return new StageInfo(rs.name(), rs.version(), rs.bundle(), rs.bundleVersion(), rs.description(), schema,
                defaults, deps, s.defaultMatcher().spec(), resources, String.join("; ", problems));
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
