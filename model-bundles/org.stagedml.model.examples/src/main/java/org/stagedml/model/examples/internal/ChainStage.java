package org.stagedml.model.examples.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-chain depth=N}: a DAG of N+1 nodes (depths 0..N). Depths 0 and 1 have no
 * dependencies; depth N depends on depth N-1 (field {@code prev1}) and depth N-2 (field
 * {@code prev2}). Each node writes {@code value.txt}: 0 for depth 0, 1 for depth 1, else the sum of
 * its dependencies' values modulo 1,000,000,007 (Fibonacci), read from their outputs, so the
 * DAG really is read through the build context. Deterministic.
 */
@Component(service = Stage.class)
@StageProperties(name = ChainStage.NAME, version = 1,
        description = "a DAG of depth+1 nodes, each depending on the previous two (Fibonacci in value.txt)")
public class ChainStage implements Stage {
    public static final String NAME = "example-chain";
    static final BigInteger MODULUS = BigInteger.valueOf(1_000_000_007L);
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer("depth", 10, "the node's depth (>= 0); depth N depends on N-1 and N-2"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        long depth = depth(config);
        if (depth < 2) {
            return Map.of();
        }
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put("prev1", Dependency.on(NAME, Map.of("depth", depth - 1)));
        deps.put("prev2", Dependency.on(NAME, Map.of("depth", depth - 2)));
        return deps;
    }

    private static long depth(Config config) {
        long depth = config.getLong("depth");
        if (depth < 0) {
            throw new ConfigException("stage '" + NAME + "': depth must be >= 0, got " + depth);
        }
        return depth;
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("value.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        long depth = depth(b.config());
        BigInteger value;
        if (depth < 2) {
            value = BigInteger.valueOf(depth);
        } else {
            value = read(b, "prev1").add(read(b, "prev2")).mod(MODULUS);
        }
        Files.writeString(b.out().resolve("value.txt"), value + "\n", StandardCharsets.UTF_8);
    }

    private static BigInteger read(BuildContext b, String field) throws java.io.IOException {
        return new BigInteger(Files.readString(b.dependencyPath(field).resolve("value.txt")).trim());
    }
}
