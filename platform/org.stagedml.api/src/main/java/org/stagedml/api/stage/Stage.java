package org.stagedml.api.stage;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;

/**
 * A stage: a dataset, a preprocessing step or a model, registered as an OSGi service by its bundle
 * (Declarative Services: {@code @Component(service = Stage.class)} with {@link StageProperties}
 * naming it). The realizer finds it by name, reading the service properties without activating it.
 *
 * <p>A stage is a pure description plus a build: the same config must always mean the same work.
 * Bump {@link #version()} whenever the build logic changes its results; the version is part of the
 * derivation, so new results are built for it and for everything downstream.
 */
@ConsumerType
public interface Stage {
    /** The unique stage name, e.g. {@code convnet-mnist}. Default: from {@link StageProperties}. */
    default String name() {
        return properties().name();
    }

    /** The stage version, part of every derivation of this stage. Default: from {@link StageProperties}. */
    default int version() {
        return properties().version();
    }

    /** One line for stage:list. Default: from {@link StageProperties}. */
    default String description() {
        return properties().description();
    }

    /**
     * The {@link StageProperties} on this stage's class; an IllegalStateException naming the class
     * when it has none (then the class must implement {@code name()}, {@code version()} and
     * {@code description()} itself).
     */
    private StageProperties properties() {
        StageProperties p = getClass().getAnnotation(StageProperties.class);
        if (p == null) {
            throw new IllegalStateException(getClass().getName() + " has no @StageProperties:"
                    + " annotate it, or implement name(), version() and description()");
        }
        return p;
    }

    /** The documented config fields with their defaults. */
    ConfigSchema schema();

    /**
     * The dependencies of a config (the config has the schema's fields, validated): for each
     * field that will hold a dependency, the stage and the overrides to instantiate it with.
     * The realizer instantiates them and stores their {@code dref:} under that field in the final
     * config. Field names must not clash with schema fields. Default: none.
     */
    default Map<String, Dependency> dependencies(Config config) {
        return Map.of();
    }

    /**
     * The data layouts this stage's outputs follow, e.g. {@code glue-jsonl} (train/dev/test JSON lines
     * plus task.json) or {@code idx-images}: a {@link org.stagedml.api.FieldType#STAGE} field accepts a
     * stage when it provides one of the layouts the field names. Default: none.
     */
    default List<String> provides() {
        return List.of();
    }

    /** The matcher used when the user names none. Default: {@link Matchers#latest(int) latest}. */
    default Matcher defaultMatcher() {
        return Matchers.latest(1);
    }

    /** What one build needs while it runs. Default: one CPU slot. */
    default Resources resources(Config config) {
        return Resources.DEFAULT;
    }

    /**
     * The outputs a build promises, as paths relative to its output folder; a build that returns
     * without them fails, and nothing is committed. Default: none.
     */
    default List<String> promises(Config config) {
        return List.of();
    }

    /**
     * Builds one realization. Writes only under {@link BuildContext#out()}, reads dependencies
     * through the context, checks {@link BuildContext#cancelled()} often. Throwing fails the build
     * and leaves the store as it was.
     */
    void build(BuildContext context) throws Exception;
}
