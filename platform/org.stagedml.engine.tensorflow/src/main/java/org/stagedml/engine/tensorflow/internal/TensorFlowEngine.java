package org.stagedml.engine.tensorflow.internal;

import java.util.List;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Engine;

/**
 * The TensorFlow {@link Engine} service, registered with {@code engine=tensorflow} so that model
 * components can require exactly this engine. Activation reads two manifest headers and loads no
 * native code; the first {@link #devices()} call loads the natives.
 */
@Component(service = Engine.class, immediate = true, property = "engine=tensorflow")
public final class TensorFlowEngine implements Engine {
    private final String version;
    private final String backend;
    private final Supplier<List<String>> probe;
    private List<String> devices;
    private StagedmlException failure;

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile Logger logger; // package-private: tests set one

    @Activate
    public TensorFlowEngine(BundleContext context) {
        this(EngineHeaders.version(context.getBundle()), EngineHeaders.backend(context.getBundle()));
    }

    /** For use outside OSGi: the versions and backend as the build wrote them. */
    public TensorFlowEngine(String version, String backend) {
        this(version, backend, () -> SessionDevices.list()); // a lambda: nothing of TensorFlow loads before the call
    }

    /** With another way to list the devices (tests give one that fails). */
    TensorFlowEngine(String version, String backend, Supplier<List<String>> probe) {
        this.version = version;
        this.backend = backend;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "TensorFlow";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String backend() {
        return backend;
    }

    /**
     * The natives load once per process: a failure is logged once (with its cause, through the Log
     * Service when there is one) and thrown again on every call, never an empty list.
     */
    @Override
    public synchronized List<String> devices() {
        if (devices == null && failure == null) {
            try {
                devices = probe.get();
            } catch (StagedmlException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = new StagedmlException("TensorFlow (" + backend + ") could not load its natives: " + e, e);
            }
            if (failure != null) {
                report(failure);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return devices;
    }

    private void report(StagedmlException e) {
        Logger l = logger;
        if (l != null) {
            l.error("{}", e.getMessage(), e);
        } else {
            System.getLogger(TensorFlowEngine.class.getName()).log(System.Logger.Level.ERROR, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name() + " " + version + " (" + backend + ")";
    }
}
