package org.stagedml.api.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/** What a build sees: its config and output folder, its dependencies, and channels to report on. */
@ProviderType
public interface BuildContext {
    /** The derivation being built. */
    DRef dref();

    /** The final config (dependencies as {@code dref:} strings). */
    Config config();

    /** The folder to write outputs into; it is empty when the build starts. */
    Path out();

    /** Which instance of several requested in one realize this is (0-based). */
    int instance();

    /** The realization of the dependency named by a config field that the build reads. */
    RRef dependency(String field);

    /** The folder of that dependency's realization (read-only). */
    Path dependencyPath(String field);

    /**
     * The output files of that dependency's realization, relative to {@link #dependencyPath}, sorted,
     * without the store's own context and metadata.
     */
    List<Path> dependencyFiles(String field) throws IOException;

    /** The config of that dependency. */
    Config dependencyConfig(String field);

    /**
     * A config value reached by a dotted path through dependencies, e.g. {@code glue.task}
     * or {@code features.glue.task}.
     */
    com.fasterxml.jackson.databind.JsonNode configValue(String path);

    /** Reports progress: fraction done in [0,1] and a short message. */
    void progress(double fraction, String message);

    /** Appends a line to the build log (kept with the realization, or outside the store on failure). */
    void log(String line);

    /** True once the build should stop: the user cancelled, or the stage's bundle is going away. */
    boolean cancelled();

    /** Throws {@link CancelledException} if {@link #cancelled()}. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancelledException("build of " + dref() + " cancelled");
        }
    }

    /** Writes {@code metrics.json} (a flat map name -> number) at the output root. */
    void writeMetrics(Map<String, ? extends Number> metrics) throws IOException;

    /** Appends one JSON object line to {@code history.jsonl} at the output root (for plots). */
    void appendHistory(Map<String, ?> record) throws IOException;

    /** The devices this build may compute on, as granted by the realizer, e.g. {@code [cpu]} or {@code [gpu:0]}. */
    List<String> devices();

    /**
     * A folder for files kept with the realization but not part of its outputs (not hashed), e.g. a
     * download's provenance; created when absent.
     */
    Path metadataFolder() throws IOException;

    /**
     * Whether a path relative to {@link #out()} is reserved by the store for its own files (its
     * context and metadata), so that a build may not write an output there.
     */
    boolean reserved(Path relative);

    /** Records a fact about the build in its metadata (e.g. {@code device=gpu:0}); not hashed. */
    void note(String key, String value);

    /**
     * This build's checkpoint area (keyed by its derivation and instance, outside the realizations):
     * what a killed build saved there lets the next build of it resume; see {@link Checkpoint}.
     * Contexts without a store keep nothing ({@link Checkpoint#none()}).
     *
     * @since 0.4
     */
    default Checkpoint checkpoint() {
        return Checkpoint.none();
    }
}
