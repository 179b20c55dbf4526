package org.stagedml.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;

/**
 * Stands in for the {@code glue} stage (org.stagedml.dataset.glue, another bundle) in tests of the
 * stages that depend on it: {@code task=<name>} writes that {@link GeneratedGlueTask} in glue's
 * normalized layout. The first task is the default. Builds are counted, so a test can tell a
 * build from a match in the store.
 */
public final class GeneratedGlueStage implements Stage {
    private final String description;
    private final Map<String, GeneratedGlueTask> tasks = new LinkedHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();

    public GeneratedGlueStage(String description, GeneratedGlueTask first, GeneratedGlueTask... more) {
        this.description = description;
        tasks.put(first.name(), first);
        for (GeneratedGlueTask t : more) {
            tasks.put(t.name(), t);
        }
    }

    /** How many times this stage has built. */
    public int builds() {
        return builds.get();
    }

    @Override
    public String name() {
        return "glue";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> provides() {
        return List.of(org.stagedml.api.stage.DataLayouts.GLUE_JSONL);
    }

    @Override
    public ConfigSchema schema() {
        // a plain string, not a choice: tests instantiate real task names they never build
        String first = tasks.keySet().iterator().next();
        String doc = tasks.size() == 1 ? "only " + first : String.join(" or ", tasks.keySet());
        return ConfigSchema.of(FieldSpec.string("task", first, doc));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", "task.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        builds.incrementAndGet();
        String task = b.config().getString("task");
        GeneratedGlueTask generated = tasks.get(task);
        if (generated == null) {
            throw new ConfigException("the generated glue stand-in has no task " + task + ": use one of " + tasks.keySet());
        }
        generated.write(b.out());
    }
}
