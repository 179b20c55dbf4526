package org.stagedml.model.examples.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-steps steps=N seconds=S tag=T}: N steps of S seconds each, a checkpoint after every
 * step; {@code result.txt} holds a value chained through all steps (sha256 of the previous value,
 * the step and the tag), so it is the same whether the build ran at once or was killed and resumed.
 * Where an attempt resumed goes to the metadata ({@link Checkpoint#RESUMED_FROM}), never to the
 * outputs. The fixture for resumable builds.
 */
@Component(service = Stage.class)
@StageProperties(name = StepsStage.NAME, version = 1,
        description = "N steps of S seconds with a checkpoint after each; a killed build resumes; writes result.txt")
public class StepsStage implements Stage {
    public static final String NAME = "example-steps";
    static final String STATE = "state.json";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer("steps", 20, "how many steps"),
            FieldSpec.number("seconds", 0.5, "how long each step takes"),
            FieldSpec.string("tag", "", "any text; different tags are different derivations (and results)"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("result.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        long steps = b.config().getLong("steps");
        double seconds = b.config().getDouble("seconds");
        String tag = b.config().getString("tag");
        if (steps < 0 || seconds < 0) {
            throw new ConfigException("example-steps needs steps >= 0 and seconds >= 0, got steps=" + steps
                    + " seconds=" + seconds);
        }
        long step = 0;
        String value = "";
        Optional<Path> last = b.checkpoint().last();
        if (last.isPresent()) {
            JsonNode state = Json.mapper().readTree(last.get().resolve(STATE).toFile());
            step = state.path("step").asLong();
            value = state.path("value").asText();
            b.note(Checkpoint.RESUMED_FROM, "step " + step);
            b.log("resumed from the checkpoint after step " + step);
        }
        for (; step < steps; step++) {
            b.progress((double) step / steps, "step " + (step + 1) + " of " + steps);
            sleep(b, seconds);
            value = next(value, step, tag);
            long done = step + 1;
            String v = value;
            b.checkpoint().save(dir -> Json.mapper().writeValue(dir.resolve(STATE).toFile(),
                    Json.mapper().createObjectNode().put("step", done).put("value", v)));
        }
        b.progress(1, "done");
        Files.writeString(b.out().resolve("result.txt"), "steps " + steps + " tag " + tag + " value " + value + "\n");
    }

    /** The value after a step: sha256 over the previous value, the step and the tag. */
    static String next(String previous, long step, String tag) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((previous + "|" + step + "|" + tag).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static void sleep(BuildContext b, double seconds) throws InterruptedException {
        long end = System.nanoTime() + Math.round(seconds * 1e9);
        while (true) {
            b.checkCancelled();
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, left));
        }
    }
}
