package org.stagedml.model.textcnn.internal;

import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.engine.Engine;

/**
 * The Engine service as the DL4J engine bundle provides it, for plain class-path tests: ND4J is
 * on the test class path here, so no class-loader fix is needed.
 */
final class TestEngine implements Engine {
    @Override
    public String name() {
        return "ND4J";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public String backend() {
        return "cpu";
    }

    @Override
    public List<String> devices() {
        return List.of(Nd4j.getBackend().getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return "ND4J test (cpu)";
    }
}
