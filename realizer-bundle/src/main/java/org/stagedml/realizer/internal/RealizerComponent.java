package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.Store;

/**
 * The Realizer service: a thin DS wrapper around {@link DefaultRealizer}. Tracks Stage services
 * (whiteboard, dynamic, multiple) with their providing bundle, and RealizeListener services.
 */
@Component(service = Realizer.class, configurationPid = "org.stagedml.realizer")
@Designate(ocd = RealizerComponent.Settings.class)
public class RealizerComponent implements Realizer {

    @ObjectClassDefinition(name = "StagedML realizer", description = "Resource slots shared by all builds")
    public @interface Settings {
        @AttributeDefinition(description = "CPU worker slots; 0 means one per available processor")
        int cpuWorkers() default 0;

        @AttributeDefinition(description = "GPUs builds may use; 0 runs every build on CPU")
        int gpus() default 0;
    }

    private final StageRegistry registry = new StageRegistry();
    private final List<RealizeListener> listeners = new java.util.ArrayList<>();

    @Reference
    private Store store;

    private volatile DefaultRealizer realizer;

    @Activate
    void activate(Settings settings) {
        int cpus = settings.cpuWorkers() > 0 ? settings.cpuWorkers() : Runtime.getRuntime().availableProcessors();
        DefaultRealizer r = new DefaultRealizer(store, registry, new RealizerSettings(cpus, Math.max(0, settings.gpus())));
        synchronized (listeners) { // a listener bound meanwhile is added exactly once
            listeners.forEach(r::addListener);
            realizer = r;
        }
    }

    @Deactivate
    void deactivate() {
        DefaultRealizer r = realizer;
        realizer = null;
        if (r != null) {
            r.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStage(Stage stage, ServiceReference<Stage> ref) {
        Bundle b = ref.getBundle();
        registry.add(stage, b == null ? "" : b.getSymbolicName(), b == null ? "" : b.getVersion().toString());
    }

    void removeStage(Stage stage) {
        registry.remove(stage);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
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
            throw new org.stagedml.api.StagedmlException("the realizer is not active");
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
}
