package org.stagedml.model.convnet.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * {@code convnet-mnist}: trains a LeNet-style CNN (TensorFlow) on the {@code mnist} stage of the same
 * variant, evaluating on the test set after each epoch. Default matcher: best {@code accuracy}.
 * The mandatory reference to the TensorFlow engine makes this component start only after it.
 */
@Component(service = Stage.class, configurationPid = ConvNetMnistStage.PID,
        property = CheckpointSteps.PROPERTY + ":Integer=" + CheckpointSteps.DEFAULT)
// version 2: trained in TensorFlow (was DL4J); model.zip holds a TensorFlow checkpoint
@StageProperties(name = ConvNetMnistStage.NAME, version = 2,
        description = "LeNet-style CNN (TensorFlow) on MNIST digits or Fashion-MNIST: accuracy per epoch, model.zip, curves")
public class ConvNetMnistStage implements Stage {
    public static final String NAME = "convnet-mnist";
    /** The config field holding the dataset dependency. */
    public static final String DATA = "mnist";
    /**
     * The configuration of convnet-mnist and convnet: {@code checkpointSteps}, how often a build saves a
     * training checkpoint inside an epoch ({@link CheckpointSteps}; no part of the derivation).
     */
    public static final String PID = "org.stagedml.model.convnet";

    private static final int MEMORY_MB = 2048;
    private final Engine engine;
    private volatile int checkpointSteps = CheckpointSteps.DEFAULT;

    @Activate
    public ConvNetMnistStage(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        this.engine = engine;
    }

    /** A configuration change applies to the next build. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        checkpointSteps = CheckpointSteps.of(PID, properties);
    }

    @Override
    public ConfigSchema schema() {
        return ConvNetSettings.SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        ConvNetSettings.from(config, 0); // range checks at instantiate time, before anything builds
        return Map.of(DATA, Dependency.on("mnist", Map.of("variant", config.getString("variant"))));
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public Resources resources(Config config) {
        // one GPU preferred: on a machine with GPUs it waits for a free one, with none it trains on the
        // CPU, where TensorFlow computes with one intra-op thread per CPU granted: ask for all of them
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors()).withMemoryMb(MEMORY_MB);
    }

    @Override
    public List<String> promises(Config config) {
        return ConvNetBuild.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        train(b, b.dependencyPath(DATA), b.config().getString("variant"));
    }

    /** Trains on the IDX images in {@code data} (also for {@link ConvNetStage}); {@code variant} names MNIST's classes. */
    void train(BuildContext b, Path data, String variant) throws Exception {
        ConvNetSettings settings = ConvNetSettings.from(b.config(), b.instance());
        IdxImages train = IdxImages.read(data, "train");
        IdxImages test = IdxImages.read(data, "t10k");
        List<String> names = ClassNames.of(data, variant);
        String device = DeviceSessions.device(b, engine);
        b.note("engine", engine.toString());
        int threads = resources(b.config()).cpus();
        ConvNetBuild.run(b, settings, train, test, names, threads, device, checkpointSteps).net().close();
    }
}
