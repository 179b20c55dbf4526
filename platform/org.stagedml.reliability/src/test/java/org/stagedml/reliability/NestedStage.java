package org.stagedml.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** A test stage whose realization holds nested folders, a binary file and metrics, on top of a dependency. */
final class NestedStage implements Stage {
    @Override
    public String name() {
        return "reliability-nested";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "nested files for the corruption test";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.integer("n", 3, "how many files per folder"));
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        return Map.of("chain", Dependency.on("example-chain", Map.of("depth", 3)));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("top.bin");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        long n = b.config().getLong("n");
        Path deep = Files.createDirectories(b.out().resolve("a/b/c"));
        for (int i = 0; i < n; i++) {
            Files.writeString(deep.resolve("f" + i + ".txt"), "file " + i + " ".repeat(i) + "\n");
            Files.writeString(b.out().resolve("a").resolve("g" + i + ".csv"), "x,y\n" + i + "," + (i * i) + "\n");
        }
        byte[] bin = new byte[4096];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = (byte) (i * 31);
        }
        Files.write(b.out().resolve("top.bin"), bin);
        b.writeMetrics(Map.of("files", 2 * n + 1));
    }
}
