package org.stagedml.api.realize;

import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Resources;

/**
 * A stage as the realizer sees it. Computing it asks the stage itself (its schema, dependencies,
 * matcher and resources), which activates it; {@link StageSummary} is what is known without that.
 *
 * @param name unique name
 * @param version stage version
 * @param bundle providing bundle's symbolic name
 * @param bundleVersion its version
 * @param description one line
 * @param schema config fields with defaults and docs
 * @param defaultConfig the defaults
 * @param dependencies the dependency fields of the default config: field -> stage name (empty when
 *        they cannot be derived from the defaults alone, see {@code problem})
 * @param defaultMatcher spec of the default matcher
 * @param resources what a build of the default config needs (null when the stage cannot say, see {@code problem})
 * @param problem why the dependencies or resources of the default config could not be derived
 *        (e.g. a required field has no default), "" when they could; since 0.4
 */
public record StageInfo(String name, int version, String bundle, String bundleVersion, String description,
        ConfigSchema schema, Config defaultConfig, Map<String, String> dependencies,
        String defaultMatcher, Resources resources, String problem) {

    public StageInfo {
        problem = problem == null ? "" : problem;
    }

    /** Without a problem (as in version 0.3 of this package). */
    public StageInfo(String name, int version, String bundle, String bundleVersion, String description,
            ConfigSchema schema, Config defaultConfig, Map<String, String> dependencies,
            String defaultMatcher, Resources resources) {
        this(name, version, bundle, bundleVersion, description, schema, defaultConfig, dependencies,
                defaultMatcher, resources, "");
    }

    /** The part known without activating the stage. */
    public StageSummary summary() {
        return new StageSummary(name, version, bundle, bundleVersion, description);
    }
}
