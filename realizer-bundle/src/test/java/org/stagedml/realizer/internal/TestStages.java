package org.stagedml.realizer.internal;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Matcher;
import org.stagedml.api.Resources;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;

/** Small stages the tests compose beside the examples. */
final class TestStages {
    private TestStages() {
    }

    /** A stage with fixed dependencies that writes the list of its dependency RRefs to deps.txt. */
    static Stage dependent(String name, Map<String, Dependency> deps) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public String description() {
                return "test stage " + name;
            }

            @Override
            public ConfigSchema schema() {
                return ConfigSchema.of(FieldSpec.string("note", "", "anything"));
            }

            @Override
            public Map<String, Dependency> dependencies(Config config) {
                return deps;
            }

            @Override
            public void build(BuildContext b) throws Exception {
                StringBuilder s = new StringBuilder();
                for (String field : new LinkedHashMap<>(deps).keySet()) {
                    s.append(field).append(' ').append(b.dependency(field)).append('\n');
                }
                Files.writeString(b.out().resolve("deps.txt"), s.toString());
            }
        };
    }

    /** The same stage under another version number (as if its build logic changed). */
    static Stage withVersion(Stage s, int version) {
        return new Stage() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public int version() {
                return version;
            }

            @Override
            public String description() {
                return s.description();
            }

            @Override
            public ConfigSchema schema() {
                return s.schema();
            }

            @Override
            public Map<String, Dependency> dependencies(Config config) {
                return s.dependencies(config);
            }

            @Override
            public Matcher defaultMatcher() {
                return s.defaultMatcher();
            }

            @Override
            public Resources resources(Config config) {
                return s.resources(config);
            }

            @Override
            public List<String> promises(Config config) {
                return s.promises(config);
            }

            @Override
            public void build(BuildContext b) throws Exception {
                s.build(b);
            }
        };
    }
}
