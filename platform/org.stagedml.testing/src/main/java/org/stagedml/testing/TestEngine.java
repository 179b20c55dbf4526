package org.stagedml.testing;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.engine.Gpu;

/**
 * The Engine service as an engine bundle provides it, for plain class-path tests of model stages
 * (which take their engine in the constructor): the engine's jars are on the test class path
 * there, so none of the bundle's class-loader fixes are needed.
 */
public final class TestEngine implements Engine {
    private final String name;
    private final String backend;
    private final Supplier<List<String>> devices;

    /** An engine with this name and backend ({@code cpu} or {@code gpu}); devices are listed on demand. */
    public TestEngine(String name, String backend, Supplier<List<String>> devices) {
        this.name = name;
        this.backend = backend;
        this.devices = devices;
    }

    /**
     * ND4J on the CPU, as org.stagedml.engine.dl4j provides it. ND4J is not a dependency of this
     * jar: the test must have it on its class path (it loads on the first {@link #devices()} call).
     */
    public static TestEngine nd4j() {
        return new TestEngine("ND4J", "cpu", () -> List.of(Nd4j.getBackend().getClass().getSimpleName()));
    }

    /**
     * A GPU build of an engine that reports {@code n} fake GPUs ({@code gpu:0} ...), for scheduling
     * tests on machines without one; it loads nothing.
     */
    public static TestEngine withGpus(int n) {
        return new TestEngine("FakeGPU", "gpu", () -> java.util.stream.IntStream.range(0, n)
                .mapToObj(k -> "/device:GPU:" + k).toList());
    }

    /** On a GPU build, one fake GPU per {@code /device:GPU:k} device listed. */
    @Override
    public List<Gpu> gpus() {
        if (!"gpu".equals(backend)) {
            return List.of();
        }
        return devices().stream().filter(d -> d.contains("GPU:"))
                .map(d -> new Gpu(Integer.parseInt(d.substring(d.lastIndexOf(':') + 1)), "fake " + d, 1L << 30))
                .toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public List<String> devices() {
        return devices.get();
    }

    @Override
    public String toString() {
        return name + " test (" + backend + ")";
    }
}
