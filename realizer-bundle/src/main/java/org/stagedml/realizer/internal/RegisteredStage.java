package org.stagedml.realizer.internal;

import java.util.Objects;
import java.util.function.Supplier;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Stage;

/**
 * A registered Stage service: its identity (name, version, description, providing bundle), known
 * without the service object, and the service itself, obtained on first {@link #stage()} (for a DS
 * delayed component that is when it activates). Compared by identity: one entry per registration.
 */
public final class RegisteredStage {
    private final Object key;
    private final String name;
    private final int version;
    private final String description;
    private final String bundle;
    private final String bundleVersion;
    private final Supplier<Stage> service;
    private volatile Stage stage;

    /**
     * A stage service object at hand, with the bundle that provides it; its identity is read from
     * its getters.
     *
     * @param bundle the providing bundle's symbolic name ("" when unknown, e.g. outside OSGi)
     * @param bundleVersion its version ("" when unknown)
     */
    public RegisteredStage(Stage stage, String bundle, String bundleVersion) {
        this(stage, stage, bundle, bundleVersion);
    }

    /** A stage service object at hand, registered under a key (e.g. its ServiceReference). */
    RegisteredStage(Object key, Stage stage, String bundle, String bundleVersion) {
        this(key, stage.name(), stage.version(), stage.description(), bundle, bundleVersion, () -> stage);
        this.stage = stage;
    }

    private RegisteredStage(Object key, String name, int version, String description, String bundle,
            String bundleVersion, Supplier<Stage> service) {
        this.key = Objects.requireNonNull(key);
        this.name = name;
        this.version = version;
        this.description = description == null ? "" : description;
        this.bundle = bundle == null ? "" : bundle;
        this.bundleVersion = bundleVersion == null ? "" : bundleVersion;
        this.service = service;
    }

    /**
     * A stage known by its service properties; the service object is obtained from {@code service}
     * when first needed.
     *
     * @param key what identifies the registration for {@link StageRegistry#remove(Object)} (e.g. its ServiceReference)
     */
    public static RegisteredStage lazy(Object key, String name, int version, String description, String bundle,
            String bundleVersion, Supplier<Stage> service) {
        return new RegisteredStage(key, name, version, description, bundle, bundleVersion, service);
    }

    /** The registration's key: the service object, or what {@link #lazy} was given. */
    Object key() {
        return key;
    }

    /**
     * The service object, obtained on the first call (which activates a delayed component); a
     * StagedmlException when it can no longer be had (its bundle stopped, its activation failed).
     */
    public Stage stage() {
        Stage s = stage;
        if (s == null) {
            synchronized (this) {
                s = stage;
                if (s == null) {
                    s = service.get();
                    if (s == null) {
                        throw new StagedmlException("stage '" + name + "' of " + describeBundle()
                                + " is not available: its service could not be obtained (stopped, or its activation failed)");
                    }
                    stage = s;
                }
            }
        }
        return s;
    }

    /** Whether the service object has been obtained. */
    boolean obtained() {
        return stage != null;
    }

    public String name() {
        return name;
    }

    /** The stage version, part of every derivation of the stage. */
    public int version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String bundle() {
        return bundle;
    }

    public String bundleVersion() {
        return bundleVersion;
    }

    /** "bsn version" for messages. */
    public String describeBundle() {
        return bundle.isEmpty() ? "(no bundle)" : bundle + " " + bundleVersion;
    }

    @Override
    public String toString() {
        return "stage '" + name + "' version " + version + " of " + describeBundle();
    }
}
