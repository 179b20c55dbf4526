package org.stagedml.api.engine;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A compute engine bundle (TensorFlow Java, DeepLearning4J/ND4J), registered as a service so that
 * model components can depend on it and the shell can report it. Activation must not load native
 * code: natives load on first use (the first call of {@link #devices()} or of the engine itself).
 */
@ProviderType
public interface Engine {
    /** The service property naming the engine; models target it with a mandatory reference. */
    String PROPERTY = "engine";
    String TENSORFLOW = "tensorflow";
    String ND4J = "nd4j";
    /** {@code @Reference(target = Engine.TENSORFLOW_TARGET) Engine engine}: start after TensorFlow. */
    String TENSORFLOW_TARGET = "(" + PROPERTY + "=" + TENSORFLOW + ")";
    /** {@code @Reference(target = Engine.ND4J_TARGET) Engine engine}: start after ND4J. */
    String ND4J_TARGET = "(" + PROPERTY + "=" + ND4J + ")";

    /** The engine's name, e.g. {@code TensorFlow} or {@code ND4J}. */
    String name();

    /** The library version, e.g. {@code 1.1.0 (native 2.18.0)}. */
    String version();

    /** The backend in use: {@code cpu} or {@code gpu} build of the natives. */
    String backend();

    /** The devices it will compute on, e.g. {@code [/device:CPU:0]}; loads natives when needed. */
    List<String> devices();

    /**
     * The GPUs this engine can compute on (empty for a CPU build of the natives, which then loads
     * nothing); loads the natives of a GPU build. Throws when the GPU natives cannot load (a
     * missing CUDA library), naming the library and the versions the engine needs.
     */
    default List<Gpu> gpus() {
        return List.of();
    }

    /**
     * Runs a small matrix product on every device the engine computes on and returns one line per
     * device, e.g. {@code gpu:0 NVIDIA A100 ... 1234.5 GFLOP/s} or {@code cpu 330.2 GFLOP/s}. Throws
     * with one clear line (the missing library, the versions needed) when the engine cannot run.
     */
    default List<String> check() {
        return List.of();
    }
}
