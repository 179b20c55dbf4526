package org.stagedml.engine.dl4j.internal;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.common.config.ND4JClassLoading;
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
import org.stagedml.api.engine.Gpu;
import org.stagedml.api.engine.NativeLibraries;

/**
 * The ND4J {@link Engine} service (DL4J computes through it), registered with {@code engine=nd4j}
 * so that model components can require exactly this engine. Activation loads no native code; the
 * first {@link #devices()} call (or a model's first ND4J call) does.
 */
@Component(service = Engine.class, immediate = true, property = "engine=nd4j")
public final class Nd4jEngine implements Engine {
    static final String GPU = "gpu";
    /** What nd4j-cuda-11.6 (1.0.0-M2.1) is built against. */
    static final String ND4J_NEEDS = "needs an NVIDIA driver >= 450.80, CUDA 11.6 and cuDNN 8.3";
    static final String[] CUDA_LIBRARIES = {"libcuda.so.1", "libcudart.so.11.0", "libcublas.so.11", "libcudnn.so.8"};
    private final String version;
    private final String backend;
    private final Supplier<List<String>> probe;
    private List<String> devices;
    private StagedmlException failure;

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile Logger logger; // package-private: tests set one

    @Activate
    public Nd4jEngine(BundleContext context) {
        this(EngineHeaders.version(context.getBundle()), EngineHeaders.backend(context.getBundle()));
    }

    /**
     * For use outside OSGi too. ND4J finds its backend with ServiceLoader through a class loader it
     * captures from the thread context, which in OSGi does not see this bundle's jars; pointing it
     * at this bundle's class loader before anyone touches {@code Nd4j} makes backend discovery work.
     */
    public Nd4jEngine(String version, String backend) {
        this(version, backend, () -> Nd4jDevices.list()); // a lambda: nothing of ND4J loads before the call
    }

    /** With another way to list the devices (tests give one that fails). */
    Nd4jEngine(String version, String backend, Supplier<List<String>> probe) {
        this.version = version;
        this.backend = backend;
        this.probe = probe;
        Nd4jLogging.quietUnlessConfigured();
        ND4JClassLoading.setNd4jClassloader(Nd4jEngine.class.getClassLoader());
    }

    @Override
    public String name() {
        return "ND4J";
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
     * ND4J initialises once per class loader: a failure is logged once (with its cause, through the
     * Log Service when there is one) and thrown again on every call, never an empty list.
     */
    @Override
    public synchronized List<String> devices() {
        if (devices == null && failure == null) {
            try {
                devices = probe.get();
            } catch (RuntimeException | LinkageError e) {
                failure = new StagedmlException("ND4J could not start its " + backend + " backend"
                        + (backend.equals("gpu")
                                ? " (it " + ND4J_NEEDS + ")" : "")
                        + ": " + rootCause(e), e);
                report(failure);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return devices;
    }

    /** The CUDA devices of a GPU build (a CPU build has none and loads nothing to say so). */
    @Override
    public List<Gpu> gpus() {
        if (!GPU.equals(backend)) {
            return List.of();
        }
        devices(); // ND4J starts once; a failure (missing CUDA libraries) is reported once, thrown here
        return Nd4jDevices.gpus();
    }

    @Override
    public List<String> check() {
        if (GPU.equals(backend)) {
            List<String> missing = NativeLibraries.missing(CUDA_LIBRARIES);
            if (!missing.isEmpty()) {
                throw new StagedmlException("missing " + String.join(", ", missing) + "; ND4J " + ND4J_NEEDS);
            }
        }
        return Nd4jCheck.run(GPU.equals(backend), gpus());
    }

    private void report(StagedmlException e) {
        Logger l = logger;
        if (l != null) {
            l.error("{}", e.getMessage(), e);
        } else {
            System.getLogger(Nd4jEngine.class.getName()).log(System.Logger.Level.ERROR, e.getMessage(), e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public String toString() {
        return name() + " " + version + " (" + backend + ")";
    }
}
