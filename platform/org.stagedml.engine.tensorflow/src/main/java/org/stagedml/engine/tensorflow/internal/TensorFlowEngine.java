package org.stagedml.engine.tensorflow.internal;

import java.util.ArrayList;
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
import org.stagedml.api.engine.Gpu;
import org.stagedml.api.engine.NativeLibraries;

/**
 * The TensorFlow {@link Engine} service, registered with {@code engine=tensorflow} so that model
 * components can require exactly this engine. Activation reads two manifest headers and loads no
 * native code; the first {@link #devices()} call loads the natives.
 */
@Component(service = Engine.class, immediate = true, property = "engine=tensorflow")
public final class TensorFlowEngine implements Engine {
    static final String GPU = "gpu";
    /** What TF Java 1.1 (TensorFlow 2.18) is built against: its GPU natives need these on the host. */
    static final String TF_NEEDS = "needs an NVIDIA driver >= 525, CUDA 12 (built with 12.5) and cuDNN 9 (built with 9.3)";
    static final String[] CUDA_LIBRARIES = {"libcuda.so.1", "libcudart.so.12", "libcublas.so.12", "libcudnn.so.9"};
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

    /** The GPUs of a GPU build (a CPU build has none and loads nothing to say so). */
    @Override
    public List<Gpu> gpus() {
        if (!GPU.equals(backend)) {
            return List.of();
        }
        devices(); // the natives load once, a failure is reported once
        return SessionDevices.gpus();
    }

    /**
     * The matrix product on the CPU and every GPU; a GPU build that sees no GPU names the CUDA
     * libraries the host lacks (TensorFlow then quietly computes on the CPU).
     */
    @Override
    public List<String> check() {
        List<Gpu> gpus = gpus();
        List<String> lines = new ArrayList<>();
        if (GPU.equals(backend) && gpus.isEmpty()) {
            lines.add(noGpuLine());
        }
        lines.addAll(MatmulCheck.run(gpus));
        return lines;
    }

    /** What TensorFlow's GPU natives need from the host, and which of it is missing. */
    static String noGpuLine() {
        List<String> missing = NativeLibraries.missing(CUDA_LIBRARIES);
        return "no GPU: " + (missing.isEmpty() ? "no CUDA device visible (check nvidia-smi)" : "missing " + String.join(", ", missing))
                + "; TensorFlow " + TF_NEEDS;
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
