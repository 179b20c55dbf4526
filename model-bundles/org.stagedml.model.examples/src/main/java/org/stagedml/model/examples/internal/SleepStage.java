package org.stagedml.model.examples.internal;

import java.nio.file.Files;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.CanonicalJson;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-sleep seconds=S}: waits S seconds, reporting progress about every 100 ms and
 * checking for cancellation, then writes {@code slept.txt}. Deterministic. The fixture for
 * progress, cancellation, parallelism and concurrent realizes; {@code tag} makes distinct
 * derivations of equal length.
 */
@Component(service = Stage.class)
@StageProperties(name = SleepStage.NAME, version = 1,
        description = "waits the given seconds reporting progress, then writes slept.txt")
public class SleepStage implements Stage {
    public static final String NAME = "example-sleep";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.number("seconds", 5, "how long the build waits"),
            FieldSpec.string("tag", "", "any text; different tags are different derivations"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("slept.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        double seconds = b.config().getDouble("seconds");
        long total = Math.max(0, Math.round(seconds * 1000));
        long start = System.nanoTime();
        b.log("sleeping " + seconds + " s");
        while (true) {
            b.checkCancelled();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= total) {
                break;
            }
            b.progress(total == 0 ? 1 : (double) elapsed / total, "slept " + elapsed + " of " + total + " ms");
            Thread.sleep(Math.min(100, total - elapsed)); // an interrupt also stops the build
        }
        b.progress(1, "done");
        Files.writeString(b.out().resolve("slept.txt"), "slept " + CanonicalJson.number(seconds) + " s\n");
    }
}
