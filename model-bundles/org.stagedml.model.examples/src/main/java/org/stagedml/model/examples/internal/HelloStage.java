package org.stagedml.model.examples.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-hello}: the smallest stage. Writes {@code hello.txt} holding the greeting. It is
 * deterministic, so every build of one config gives the same realization (the store deduplicates it).
 */
@Component(service = Stage.class)
@StageProperties(name = HelloStage.NAME, version = 1,
        description = "writes hello.txt with a greeting (the smallest stage)")
public class HelloStage implements Stage {
    public static final String NAME = "example-hello";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.string("greeting", "hello", "the text written to hello.txt"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("hello.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        String greeting = b.config().getString("greeting");
        b.log("writing hello.txt: " + greeting);
        Files.writeString(b.out().resolve("hello.txt"), greeting + "\n", StandardCharsets.UTF_8);
        b.progress(1.0, "done");
    }
}
