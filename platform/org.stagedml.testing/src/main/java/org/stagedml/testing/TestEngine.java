package org.stagedml.testing;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.engine.Engine;

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
