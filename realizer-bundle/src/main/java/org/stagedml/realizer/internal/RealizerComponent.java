package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.realize.StageSummary;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.Store;

/**
 * The Realizer service: a thin DS wrapper around {@link DefaultRealizer}. Tracks Stage services
 * (whiteboard, dynamic, multiple) with their providing bundle, and RealizeListener services. A
 * stage is known by its {@code stage.*} service properties; its service object is obtained (a
 * delayed component activated) only when a build or an instantiate needs it. Logs through the OSGi
 * Log Service when one is there.
 */
@Component(service = {Realizer.class, org.stagedml.api.execute.DerivationBuilder.class},
        configurationPid = "org.stagedml.realizer")
@Designate(ocd = RealizerComponent.Settings.class)
public class RealizerComponent implements Realizer, org.stagedml.api.execute.DerivationBuilder {

    @ObjectClassDefinition(name = "StagedML realizer", description = "Resource slots shared by all builds")
    public @interface Settings {
        @AttributeDefinition(description = "CPU worker slots; 0 means one per available processor")
        int cpuWorkers() default 0;

        @AttributeDefinition(description = "GPUs builds share; -1 (the default): the GPUs the engines report,"
                + " asked when the first build that wants a GPU is scheduled; 0 runs every build on CPU")
        int gpus() default RealizerSettings.DISCOVER;

        @AttributeDefinition(description = "where builds run when a realize names no executor: local (this"
                + " process's threads) or a registered executor's name, e.g. slurm")
        String executor() default ExecutorChoice.LOCAL;
    }

    /** The executors (cluster bundles) realizes may name; local threads are built in. */
    @Reference(service = org.stagedml.api.execute.BuildExecutor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, fieldOption = org.osgi.service.component.annotations.FieldOption.UPDATE)
    private final List<org.stagedml.api.execute.BuildExecutor> executors = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The engines, asked for their GPUs only when a build wants one (see {@link GpuDiscovery}). */
    @Reference(service = org.stagedml.api.engine.Engine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, fieldOption = org.osgi.service.component.annotations.FieldOption.UPDATE)
    private final List<org.stagedml.api.engine.Engine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final RealizerLog log = new ServiceLog();
    private final StageRegistry registry = new StageRegistry(log);
    private final List<RealizeListener> listeners = new java.util.ArrayList<>();

    @Reference
    private Store store;

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    private volatile Logger logger;

    private volatile DefaultRealizer realizer;

    @Activate
    void activate(Settings settings) {
        DefaultRealizer r = new DefaultRealizer(store, registry, settings(settings),
                new GpuDiscovery(() -> engines, log), log);
        r.executors(new ExecutorChoice(() -> executors, settings.executor()));
        synchronized (listeners) { // a listener bound meanwhile is added exactly once
            listeners.forEach(r::addListener);
            realizer = r;
        }
    }

    /** A new configuration applies live: running builds are never cancelled, waiting ones see the new slots. */
    @Modified
    void modified(Settings settings) {
        RealizerSettings next = settings(settings);
        DefaultRealizer r = realizer;
        if (r != null) {
            r.reconfigure(next);
            r.executors(new ExecutorChoice(() -> executors, settings.executor()));
            log.info("realizer slots now cpuWorkers=" + next.cpuWorkers() + " gpus="
                    + (next.gpus() == RealizerSettings.DISCOVER ? "as the engines report" : next.gpus())
                    + "; running builds keep theirs");
        }
    }

    private static RealizerSettings settings(Settings settings) {
        int cpus = settings.cpuWorkers() > 0 ? settings.cpuWorkers() : Runtime.getRuntime().availableProcessors();
        return new RealizerSettings(cpus, Math.max(RealizerSettings.DISCOVER, settings.gpus()));
    }

    @Deactivate
    void deactivate() {
        DefaultRealizer r = realizer;
        realizer = null;
        if (r != null) {
            r.close();
        }
    }

    /**
     * Takes only the reference and the means to get the service, so that SCR does not get (and
     * activate) it now; a stage without {@code stage.*} properties is got at once for its getters.
     */
    @Reference(name = "stages", service = Stage.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeStage")
    void addStage(ServiceReference<Stage> ref, ComponentServiceObjects<Stage> objects) {
        Bundle b = ref.getBundle();
        String bundle = b == null ? "" : b.getSymbolicName();
        String bundleVersion = b == null ? "" : b.getVersion().toString();
        try {
            var entry = StageServiceProperties.read(ref, ref::getProperty, bundle, bundleVersion, objects::getService);
            if (entry.isPresent()) {
                registry.add(entry.get());
                return;
            }
        } catch (StagedmlException e) {
            log.error("ignoring a stage service of bundle " + bundle + " " + bundleVersion + ": " + e.getMessage(), e);
            return;
        }
        Stage stage = objects.getService();
        if (stage != null) {
            registry.add(ref, stage, bundle, bundleVersion);
        }
    }

    void removeStage(ServiceReference<Stage> ref) {
        registry.remove(ref);
    }

    @Reference(name = "listeners", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RealizeListener listener) {
        synchronized (listeners) {
            listeners.add(listener);
            DefaultRealizer r = realizer;
            if (r != null) {
                r.addListener(listener);
            }
        }
    }

    void removeListener(RealizeListener listener) {
        synchronized (listeners) {
            listeners.remove(listener);
            DefaultRealizer r = realizer;
            if (r != null) {
                r.removeListener(listener);
            }
        }
    }

    private DefaultRealizer r() {
        DefaultRealizer r = realizer;
        if (r == null) {
            throw new StagedmlException("the realizer is not active");
        }
        return r;
    }

    @Override
    public List<StageInfo> stages() {
        return r().stages();
    }

    @Override
    public Optional<StageInfo> stage(String name) {
        return r().stage(name);
    }

    @Override
    public List<StageSummary> stageSummaries() {
        return r().stageSummaries();
    }

    @Override
    public Map<String, List<String>> clashes() {
        return r().clashes();
    }

    @Override
    public Closure instantiate(String stage, Map<String, ?> overrides) {
        return r().instantiate(stage, overrides);
    }

    @Override
    public RealizeJob submit(Closure closure, RealizeOptions options) {
        return r().submit(closure, options);
    }

    @Override
    public JsonNode configValue(RRef rref, String path) {
        return r().configValue(rref, path);
    }

    @Override
    public RRef dependency(RRef rref, String path) {
        return r().dependency(rref, path);
    }

    @Override
    public Path path(RRef rref, String dependencyPath, String file) {
        return r().path(rref, dependencyPath, file);
    }

    @Override
    public Map<String, Double> metrics(RRef rref) {
        return r().metrics(rref);
    }

    @Override
    public List<RRef> build(org.stagedml.api.execute.BuildOrder order, List<String> devices, int cpus,
            Map<String, String> notes, RealizeListener listener) {
        r(); // active
        return new OneDerivation(store, registry, log).build(order, devices, cpus, notes, listener);
    }

    /**
     * The Log Service's logger while one is bound, else {@link System.Logger}. Messages go in as
     * the argument of a "{}" format, so that a brace in them is never read as a placeholder; a
     * Throwable as the last argument is logged as the cause.
     */
    private final class ServiceLog implements RealizerLog {
        private final RealizerLog fallback = RealizerLog.system(RealizerComponent.class.getName());

        @Override
        public void info(String message) {
            Logger l = logger;
            if (l == null) {
                fallback.info(message);
            } else {
                l.info("{}", message);
            }
        }

        @Override
        public void warn(String message, Throwable cause) {
            Logger l = logger;
            if (l == null) {
                fallback.warn(message, cause);
            } else {
                l.warn("{}", message, cause);
            }
        }

        @Override
        public void error(String message, Throwable cause) {
            Logger l = logger;
            if (l == null) {
                fallback.error(message, cause);
            } else {
                l.error("{}", message, cause);
            }
        }
    }
}
