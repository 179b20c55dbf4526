package org.stagedml.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.Predictors;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.SweepListener;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.api.sweep.Sweeper;
import org.stagedml.runtime.internal.SharedPackages;

/**
 * StagedML embedded in an ordinary Java application: starts Felix in this process with the
 * platform bundles and the model and dataset bundles the host chooses, and offers typed access to
 * the store and the realizer. The API's types ({@link RRef}, {@link StageInfo} ...) are shared with
 * the framework, so results need no conversion.
 *
 * <pre>{@code
 * try (StagedML sml = StagedML.builder().platformBundles(Path.of("stagedml/bundle")).home(home).start()) {
 *     List<RRef> rrefs = sml.realize("example-chain", Map.of("depth", 5));
 *     System.out.println(rrefs.get(0) + " at " + sml.path(rrefs.get(0)));
 * }
 * }</pre>
 */
public final class StagedML implements AutoCloseable {
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(30);
    private final EmbeddedFramework framework;
    private final Realizer realizer;
    private final Store store;
    private final Path home;

    private StagedML(EmbeddedFramework framework, Path home) throws IOException {
        this.framework = framework;
        this.home = home;
        try {
            this.store = service(Store.class);
            this.realizer = service(Realizer.class);
        } catch (IOException | RuntimeException e) {
            framework.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private <T> T service(Class<T> type) throws IOException {
        try {
            ServiceReference<?> ref = framework.awaitService("(objectClass=" + type.getName() + ")", SERVICE_WAIT);
            if (ref == null) {
                throw new IOException("no " + type.getSimpleName() + " service came up within " + SERVICE_WAIT.toSeconds()
                        + " s; bundles that failed to start: " + framework.startFailures());
            }
            return type.cast(framework.bundleContext().getService(ref));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    /** The store root. */
    public Path home() {
        return home;
    }

    public Store store() {
        return store;
    }

    public Realizer realizer() {
        return realizer;
    }

    /** Bundles that failed to start (empty when all did). */
    public List<String> startFailures() {
        return framework.startFailures();
    }

    public List<StageInfo> stages() {
        return realizer.stages();
    }

    public Closure instantiate(String stage, Map<String, ?> overrides) {
        awaitStage(stage);
        return realizer.instantiate(stage, overrides);
    }

    /** Realizes a stage with overrides (values as text, numbers, booleans or JSON) and waits. */
    public List<RRef> realize(String stage, Map<String, ?> overrides) throws InterruptedException {
        return realize(stage, overrides, RealizeOptions.defaults());
    }

    public List<RRef> realize(String stage, Map<String, ?> overrides, RealizeOptions options)
            throws InterruptedException {
        return submit(stage, overrides, options).await();
    }

    /** Starts realizing; the job can be awaited or cancelled. */
    public RealizeJob submit(String stage, Map<String, ?> overrides, RealizeOptions options) {
        return realizer.submit(instantiate(stage, overrides), options);
    }

    /**
     * Starts realizing with break points, like {@code stage:realize --break}: each build that
     * reaches one is handed to the points' {@link org.stagedml.api.realize.BuildHold} and waits,
     * holding its lock, until the {@link org.stagedml.api.realize.PausedBuild} is resolved
     * ({@code proceed}, {@code skip}, {@code abort}); what is in its output folder then is committed,
     * marked when it was changed by hand.
     */
    public RealizeJob submitWithBreaks(String stage, Map<String, ?> overrides, BreakPoints breaks) {
        return submit(stage, overrides, RealizeOptions.defaults().withBreaks(breaks));
    }

    /** The folder of a realization. */
    public Path path(RRef rref) {
        return store.path(rref);
    }

    public Map<String, Double> metrics(RRef rref) {
        return realizer.metrics(rref);
    }

    public Optional<RealizationInfo> realization(RRef rref) {
        return store.realization(rref);
    }

    /** Receives the events of every realize until the returned handle is closed. */
    public AutoCloseable subscribe(RealizeListener listener) {
        Objects.requireNonNull(listener, "listener");
        BundleContext bc = framework.bundleContext();
        ServiceRegistration<RealizeListener> reg = bc.registerService(RealizeListener.class, listener, null);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException e) {
                // already gone with the framework
            }
        };
    }

    /**
     * Sweeps a stage (as {@code stage:sweep} does): every configuration realized in parallel within
     * the realizer's slots, ranked best first; see {@link Sweeper#sweep}.
     *
     * @param listener hears of each configuration as it ends (may be null)
     */
    public SweepResult sweep(SweepSpec spec, SweepListener listener) throws InterruptedException {
        awaitStage(spec.stage());
        Sweeper sweeper;
        try {
            sweeper = service(Sweeper.class); // the shell bundle's; looked up when first needed
        } catch (IOException e) {
            throw new StagedmlException(e.getMessage(), e);
        }
        return sweeper.sweep(spec, listener);
    }

    /**
     * Loads a trained model to predict with (as {@code stage:predict} does): the model is loaded once;
     * call {@link Predictor#predict} as often as needed and close the predictor when done.
     *
     * @throws StagedmlException naming the stage when no bundle offers predictions for it
     */
    public Predictor predictor(RRef rref) throws IOException {
        Predictors predictors = service(Predictors.class);
        // providers register as their model bundles start: give a just-started framework a moment
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!predictors.stages().contains(rref.name()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a predictor of " + rref.name(), e);
            }
        }
        return predictors.open(rref);
    }

    /** Stage services register as their bundles start; give a just-started framework a moment. */
    private void awaitStage(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (realizer.stage(name).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StagedmlException("interrupted while waiting for stage " + name);
            }
        }
        if (realizer.stage(name).isEmpty()) {
            throw new StageNotFoundException(name);
        }
    }

    /** Stops the framework (and with it every build in flight) and releases its cache slot. */
    @Override
    public void close() throws IOException {
        framework.close();
    }

    /** How to start an embedded StagedML. */
    public static final class Builder {
        private Path platformBundles;
        private Path home;
        private Path cache;
        private final List<Path> bundles = new ArrayList<>();
        private final Map<String, String> properties = new HashMap<>();

        private Builder() {
        }

        /** The platform's bundle folder: a StagedML distribution's {@code bundle/}. Required. */
        public Builder platformBundles(Path dir) {
            this.platformBundles = dir;
            return this;
        }

        /** The store root (default: {@code $STAGEDML_HOME}, else {@code ~/.stagedml}). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Where bundle caches are kept between starts (default: {@code <home>/cache}). */
        public Builder cache(Path cache) {
            this.cache = cache;
            return this;
        }

        /** Adds a model or dataset bundle of the host's choosing. */
        public Builder addBundle(Path jar) {
            bundles.add(jar);
            return this;
        }

        /** Sets a framework property. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        private static java.util.Set<String> skipped() {
            java.util.Set<String> s = new java.util.HashSet<>(SharedPackages.HOST_PROVIDED_BUNDLES);
            s.addAll(SharedPackages.NOT_EMBEDDED);
            return s;
        }

        public StagedML start() throws IOException {
            if (platformBundles == null) {
                throw new IllegalStateException("platformBundles(dir) is required: a StagedML distribution's bundle/ folder");
            }
            Path h = home != null ? home : StagedmlHome.resolve(System.getenv());
            Map<String, String> props = new HashMap<>(properties);
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                    SharedPackages.systemPackagesExtra(SharedPackages.exportedPackages()));
            LaunchConfig config = new LaunchConfig(platformBundles, h, cache != null ? cache : h.resolve("cache"),
                    props, bundles, skipped());
            try {
                return new StagedML(EmbeddedFramework.start(config), h);
            } catch (BundleException e) {
                throw new IOException("the framework did not start: " + e.getMessage(), e);
            }
        }
    }
}
