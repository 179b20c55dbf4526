package org.stagedml.model.examples.internal;

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
 * {@code example-fail}: fails on demand. With {@code fail=true} (the default) it logs a line and
 * throws an IllegalStateException carrying {@code message}; with {@code fail=false} it writes ok.txt.
 */
@Component(service = Stage.class)
@StageProperties(name = FailStage.NAME, version = 1,
        description = "fails on demand (fail=true), else writes ok.txt; a fixture for failure handling")
public class FailStage implements Stage {
    public static final String NAME = "example-fail";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.bool("fail", true, "whether the build fails"),
            FieldSpec.string("message", "example-fail failed on purpose (set fail=false to succeed)",
                    "the error message of the failure"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Files.writeString(b.out().resolve("partial.txt"), "written before failing\n");
        if (b.config().getBoolean("fail")) {
            b.log("about to fail: " + b.config().getString("message"));
            throw new IllegalStateException(b.config().getString("message"));
        }
        Files.writeString(b.out().resolve("ok.txt"), "ok\n");
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("ok.txt");
    }
}
