package org.stagedml.model.examples.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code example-random}: stands in for a non-deterministic training run. Writes
 * {@code metrics.json} with {@code score} and {@code accuracy} (both in [0,1)) and five
 * {@code history.jsonl} lines (step, loss, accuracy). With {@code seed=-1} (the default) every build
 * draws new numbers, so each build is a new realization: the fixture for instances, force and
 * matchers. A seed >= 0 makes it deterministic. Default matcher {@code best:accuracy} (highest).
 */
@Component(service = Stage.class)
@StageProperties(name = RandomStage.NAME, version = 1,
        description = "writes random metrics (score, accuracy) and a short history; a fixture for matchers")
public class RandomStage implements Stage {
    public static final String NAME = "example-random";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer("seed", -1, "random seed; -1 draws a new one for every build"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        long seed = b.config().getLong("seed");
        Random random = seed < 0 ? new Random(System.nanoTime() ^ Thread.currentThread().getId()) : new Random(seed);
        double accuracy = 0;
        for (int step = 1; step <= 5; step++) {
            b.checkCancelled();
            accuracy = random.nextDouble();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("step", step);
            record.put("loss", 1 - accuracy);
            record.put("accuracy", accuracy);
            b.appendHistory(record);
            b.progress(step / 5.0, "step " + step + "/5");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("score", random.nextDouble());
        metrics.put("accuracy", accuracy);
        b.writeMetrics(metrics);
        b.log("accuracy " + accuracy);
    }
}
