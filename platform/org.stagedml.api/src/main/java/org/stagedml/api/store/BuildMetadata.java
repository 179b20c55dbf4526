package org.stagedml.api.store;

import java.time.Instant;
import java.util.Map;

/**
 * What the realizer records about a build in {@code _meta/meta.json} (never hashed).
 *
 * @param stageVersion the stage version that built it
 * @param bundle symbolic name of the stage's bundle
 * @param bundleVersion its version
 * @param started when the build started
 * @param notes extra facts (device, host, instance ...)
 */
public record BuildMetadata(int stageVersion, String bundle, String bundleVersion, Instant started,
        Map<String, String> notes) {
    public BuildMetadata {
        bundle = bundle == null ? "" : bundle;
        bundleVersion = bundleVersion == null ? "" : bundleVersion;
        notes = Map.copyOf(notes == null ? Map.of() : notes);
    }
}
