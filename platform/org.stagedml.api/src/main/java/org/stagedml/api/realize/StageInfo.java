package org.stagedml.api.realize;

import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Resources;

/**
 * A stage as the realizer sees it.
 *
 * @param name unique name
 * @param version stage version
 * @param bundle providing bundle's symbolic name
 * @param bundleVersion its version
 * @param description one line
 * @param schema config fields with defaults and docs
 * @param defaultConfig the defaults
 * @param dependencies the dependency fields of the default config: field -> stage name
 * @param defaultMatcher spec of the default matcher
 * @param resources what a build of the default config needs
 */
public record StageInfo(String name, int version, String bundle, String bundleVersion, String description,
        ConfigSchema schema, Config defaultConfig, java.util.Map<String, String> dependencies,
        String defaultMatcher, Resources resources) {
}
