package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;

/**
 * Stands in for the {@code glue} stage (another bundle) in the end-to-end tests: writes its documented
 * output (train/dev/test.jsonl, task.json) for two made-up tasks, PAIRS (pair classification,
 * labels 0/1, with an extra split dev_mismatched as MNLI has) and SCORES (pair regression).
 */
final class FixtureGlueStage implements Stage {
    static final int TRAIN = 30;
    static final int DEV = 6;
    static final int TEST = 4;
    static final int MISMATCHED = 3;

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
        return "test fixture in the glue stage's output format";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.string("task", "PAIRS", "PAIRS or SCORES"));
    }

    @Override
    public List<String> promises(org.stagedml.api.Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", "task.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        String task = b.config().getString("task");
        boolean regression = task.equals("SCORES");
        write(b, "train", TRAIN, regression);
        write(b, "dev", DEV, regression);
        write(b, "test", TEST, regression);
        if (!regression) {
            write(b, "dev_mismatched", MISMATCHED, false); // as MNLI has
        }
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("task", task);
        info.put("type", regression ? "regression" : "classification");
        info.set("labels", Json.mapper().valueToTree(regression ? List.of() : List.of("0", "1")));
        info.put("pair", true);
        Files.writeString(b.out().resolve("task.json"), info.toString(), StandardCharsets.UTF_8);
    }

    private static void write(BuildContext b, String split, int n, boolean regression) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = JsonNodeFactory.instance.objectNode();
            e.put("id", split + "-" + i);
            e.put("sentence1", "Sentence number " + i + " of " + split + (i % 3 == 0 ? " has a much longer tail, going on and on." : "."));
            e.put("sentence2", "Pair " + i + "!");
            if (!split.equals("test")) {
                if (regression) {
                    e.put("label", i * 0.25);
                } else {
                    e.put("label", String.valueOf(i % 2));
                }
            }
            lines.add(e.toString());
        }
        Files.writeString(b.out().resolve(split + ".jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
