package org.stagedml.model.convnet.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import org.stagedml.engine.dl4j.training.Nd4jCompute;

/**
 * {@code convnet-mnist}: trains a LeNet-style CNN (DL4J) on the {@code mnist} stage of the same
 * variant, evaluating on the test set after each epoch. Default matcher: best {@code accuracy}.
 * The mandatory reference to the ND4J engine makes this component start only after the engine
 * has pointed ND4J at its own class loader.
 */
@Component(service = Stage.class)
@StageProperties(name = ConvNetMnistStage.NAME, version = 1,
        description = "LeNet-style CNN (DL4J) on MNIST digits or Fashion-MNIST: accuracy per epoch, model.zip, curves")
public class ConvNetMnistStage implements Stage {
    public static final String NAME = "convnet-mnist";
    /** The config field holding the dataset dependency. */
    public static final String DATA = "mnist";

    private final Engine engine;

    @Activate
    public ConvNetMnistStage(@Reference(name = "engine", target = Engine.ND4J_TARGET) Engine engine) {
        this.engine = engine;
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
        return Nd4jCompute.resources(engine);
    }

    @Override
    public List<String> promises(Config config) {
        return ConvNetBuild.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        ConvNetSettings settings = ConvNetSettings.from(b.config(), b.instance());
        Path data = b.dependencyPath(DATA);
        IdxImages train = IdxImages.read(data, "train");
        IdxImages test = IdxImages.read(data, "t10k");
        List<String> names = ClassNames.of(data, b.config().getString("variant"));
        b.note("device", Nd4jCompute.device(engine));
        b.note("engine", engine.toString());
        ConvNetBuild.run(b, settings, train, test, names);
    }
}
