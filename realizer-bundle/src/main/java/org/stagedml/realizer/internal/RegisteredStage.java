package org.stagedml.realizer.internal;

import org.stagedml.api.stage.Stage;

/**
 * A Stage service with the bundle that provides it.
 *
 * @param stage the service
 * @param bundle the providing bundle's symbolic name ("" when unknown, e.g. outside OSGi)
 * @param bundleVersion its version ("" when unknown)
 */
public record RegisteredStage(Stage stage, String bundle, String bundleVersion) {
    public RegisteredStage {
        bundle = bundle == null ? "" : bundle;
        bundleVersion = bundleVersion == null ? "" : bundleVersion;
    }

    public String name() {
        return stage.name();
    }

    /** "bsn version" for messages. */
    public String describeBundle() {
        return bundle.isEmpty() ? "(no bundle)" : bundle + " " + bundleVersion;
    }
}
