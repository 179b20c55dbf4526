package org.stagedml.api.realize;

/**
 * A stage as registered: what its service properties say, known without activating the stage
 * (see {@link Realizer#stageSummaries()}); {@link StageInfo} adds what only the stage itself can say.
 *
 * @param name unique name
 * @param version stage version
 * @param bundle providing bundle's symbolic name ("" when unknown)
 * @param bundleVersion its version ("" when unknown)
 * @param description one line
 * @since 0.4
 */
public record StageSummary(String name, int version, String bundle, String bundleVersion, String description) {
}
