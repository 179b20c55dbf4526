package org.stagedml.engine.tensorflow.internal;

import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
    private List<String> devices;
    private StagedmlException failure;

    @Activate
    public TensorFlowEngine(BundleContext context) {
        this(EngineHeaders.version(context.getBundle()), EngineHeaders.backend(context.getBundle()));
    }

    /** For use outside OSGi: the versions and backend as the build wrote them. */
    public TensorFlowEngine(String version, String backend) {
        this.version = version;
        this.backend = backend;
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

    /** The natives load once per process: a failure is remembered and reported again. */
    @Override
    public synchronized List<String> devices() {
        if (devices == null && failure == null) {
            try {
                devices = SessionDevices.list();
            } catch (StagedmlException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = new StagedmlException("TensorFlow (" + backend + ") could not load its natives: " + e, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return devices;
    }

    @Override
    public String toString() {
        return name() + " " + version + " (" + backend + ")";
    }
}
