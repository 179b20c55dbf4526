package org.stagedml.api.realize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.RRef;

/**
 * Instantiates stages into closures of derivations and realizes them against the store. One DS
 * service; it tracks the {@link org.stagedml.api.stage.Stage} services as bundles come and go.
 */
@ProviderType
public interface Realizer {
    /**
     * The registered stages, sorted by name (clashing names are reported in {@link #clashes()}).
     * Asks every stage for its schema, dependencies, matcher and resources, which activates it;
     * {@link #stageSummaries()} lists them without that.
     */
    List<StageInfo> stages();

    /** One stage's details (activates it); empty when no stage (or more than one) has that name. */
    Optional<StageInfo> stage(String name);

    /**
     * The registered stages as their service properties describe them, sorted by name, without
     * activating any (clashing names are reported in {@link #clashes()}).
     *
     * @since 0.4
     */
    List<StageSummary> stageSummaries();

    /** Stage names registered by more than one service: name -> the bundles providing them. */
    Map<String, List<String>> clashes();

    /**
     * Computes the closure of a stage under overrides, writing nothing but derivation documents.
     * Override keys are field names, or dotted paths into dependencies ({@code glue.task});
     * String values are parsed per the field's type. Errors: unknown stage, unknown field, wrong
     * type, dependency cycle (each a StagedmlException with a clear message).
     */
    Closure instantiate(String stage, Map<String, ?> overrides);

    /** Starts realizing a closure; the job can be awaited or cancelled. */
    RealizeJob submit(Closure closure, RealizeOptions options);

    /** Realizes and waits: the selected realizations of the closure's target. */
    default List<RRef> realize(Closure closure, RealizeOptions options) throws InterruptedException {
        return submit(closure, options).await();
    }

    /** A config value at a dotted path, through dependencies ({@code bert.checkpoint}). */
    JsonNode configValue(RRef rref, String path);

    /**
     * The realization used for the dependency at a dotted path ({@code features.glue}): the
     * realization's own context says which one was used.
     */
    RRef dependency(RRef rref, String path);

    /** The filesystem path of a file inside the dependency at a dotted path ("" path: the realization itself). */
    Path path(RRef rref, String dependencyPath, String file);

    /** The realization's metrics (metrics.json). */
    Map<String, Double> metrics(RRef rref);
}
