package org.stagedml.shell.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;

/**
 * {@code test-score}: a "training" whose loss is (x - 2)^2, written to metrics.json and, step by
 * step, to history.jsonl; it fails for x below 0 and counts how many of its builds run at once.
 */
final class ScoreStage implements Stage {
    static final String NAME = "test-score";
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger builds = new AtomicInteger();
    private final long millis;

    ScoreStage(long millis) {
        this.millis = millis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "loss (x-2)^2; fails for x < 0";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.number("x", 0, "the parameter"));
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("loss", 1, false);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        builds.incrementAndGet();
        try {
            double x = c.getDouble("x");
            for (int step = 1; step <= 3; step++) {
                b.checkCancelled();
                Thread.sleep(millis / 3);
                b.appendHistory(Map.of("step", step, "loss", (x - 2) * (x - 2) + 1.0 / step));
            }
            if (x < 0) {
                throw new IllegalStateException("x must not be negative, got " + x);
            }
            b.writeMetrics(Map.of("loss", (x - 2) * (x - 2)));
        } finally {
            running.decrementAndGet();
        }
    }
}
