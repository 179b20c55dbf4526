package org.stagedml.api.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.Names;

/**
 * A dependency request: instantiate {@code stage} with these config overrides.
 *
 * @param stage the stage name
 * @param overrides config overrides, values as for {@link org.stagedml.api.ConfigSchema#apply}
 */
public record Dependency(String stage, Map<String, Object> overrides) {
    public Dependency {
        Names.checkStageName(stage);
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides == null ? Map.of() : overrides));
    }

    public static Dependency on(String stage) {
        return new Dependency(stage, Map.of());
    }

    public static Dependency on(String stage, Map<String, ?> overrides) {
        return new Dependency(stage, new LinkedHashMap<>(overrides));
    }
}
