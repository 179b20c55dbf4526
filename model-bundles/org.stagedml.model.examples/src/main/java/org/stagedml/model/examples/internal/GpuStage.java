package org.stagedml.model.examples.internal;

import java.nio.file.Files;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Resources;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-gpu gpus=N require=B seconds=S tag=T}: the fixture for GPU scheduling. Asks for N
 * GPUs, preferred (runs on CPU on a machine with none) or, with {@code require=true}, required;
 * writes {@code granted.txt} (the granted devices, one per line: {@code cpu} or {@code gpu:<k>}),
 * holds them S seconds, then writes {@code times.txt} ({@code <start epoch ms> <end epoch ms>}).
 */
@Component(service = Stage.class)
@StageProperties(name = GpuStage.NAME, version = 1,
        description = "holds the granted GPUs for the given seconds; writes granted.txt and times.txt")
public class GpuStage implements Stage {
    public static final String NAME = "example-gpu";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer("gpus", 1, "how many GPUs the build asks for"),
            FieldSpec.bool("require", false, "true: the build needs the GPUs; false: it prefers them (CPU when none)"),
            FieldSpec.number("seconds", 1, "how long the build holds its devices"),
            FieldSpec.string("tag", "", "any text; different tags are different derivations"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Resources resources(Config config) {
        int gpus = config.getInt("gpus");
        if (gpus < 0) {
            throw new ConfigException("example-gpu: gpus=" + gpus + " is negative; give 0 or more");
        }
        Resources r = Resources.gpus(gpus);
        return config.getBoolean("require") ? r.required() : r.preferred();
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("granted.txt", "times.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        long start = System.currentTimeMillis();
        Files.writeString(b.out().resolve("granted.txt"), String.join("\n", b.devices()) + "\n");
        b.note("device", String.join(",", b.devices()));
        long total = Math.max(0, Math.round(b.config().getDouble("seconds") * 1000));
        long end;
        while ((end = System.currentTimeMillis()) - start < total) {
            b.checkCancelled();
            b.progress((double) (end - start) / total, "holding " + b.devices());
            Thread.sleep(Math.min(100, total - (end - start)));
        }
        b.progress(1, "done");
        Files.writeString(b.out().resolve("times.txt"), start + " " + end + "\n");
    }
}
