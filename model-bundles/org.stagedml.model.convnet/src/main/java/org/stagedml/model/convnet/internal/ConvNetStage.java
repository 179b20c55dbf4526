package org.stagedml.model.convnet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.api.train.CheckpointSteps;

/**
 * {@code convnet data=<mnist|image-folder|...>}: the ConvNet of {@code convnet-mnist} on any stage
 * providing {@link DataLayouts#IDX_IMAGES}, of any image size and channel count (grey, or colour with
 * {@code data.channels=3}): {@code mnist} by default ({@code data.variant=digits}), or the user's
 * images ({@code data=image-folder data.path=...}). Trains on train, reports accuracy on t10k (the
 * test split).
 */
@Component(service = Stage.class, configurationPid = ConvNetMnistStage.PID,
        property = CheckpointSteps.PROPERTY + ":Integer=" + CheckpointSteps.DEFAULT)
@StageProperties(name = ConvNetStage.NAME, version = 1,
        description = "LeNet-style CNN (TensorFlow) on any grey or colour image dataset: data=mnist (default) or data=image-folder")
public class ConvNetStage implements Stage {
    public static final String NAME = "convnet";
    /** The config field choosing the dataset stage. */
    public static final String DATA = "data";
    static final ConfigSchema SCHEMA;

    static {
        List<FieldSpec> f = new ArrayList<>();
        f.add(FieldSpec.stage(DATA, "mnist", List.of(DataLayouts.IDX_IMAGES),
                "the dataset stage: mnist (data.variant=digits|fashion) or image-folder (data.path=<folder>)"));
        ConvNetSettings.SCHEMA.fields().stream().filter(s -> !s.name().equals("variant")).forEach(f::add);
        SCHEMA = ConfigSchema.of(f);
    }

    private final ConvNetMnistStage mnist;

    @Activate
    public ConvNetStage(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        this.mnist = new ConvNetMnistStage(engine);
    }

    /** The checkpoint interval, shared with convnet-mnist ({@link ConvNetMnistStage#PID}); applies to the next build. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        mnist.configure(properties);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        ConvNetSettings.from(config, 0); // range checks at instantiate time
        return Map.of(); // the realizer fills 'data' with the stage it names
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public Resources resources(Config config) {
        return mnist.resources(config);
    }

    @Override
    public List<String> promises(Config config) {
        return ConvNetBuild.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        // the channel count comes with the IDX files (idx4 for colour)
        mnist.train(b, b.dependencyPath(DATA), "");
    }
}
