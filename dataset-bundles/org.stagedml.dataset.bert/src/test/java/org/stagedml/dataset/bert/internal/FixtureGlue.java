package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.stagedml.api.stage.Stage;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.GeneratedGlueStage;
import org.stagedml.testing.GeneratedGlueTask;
import org.stagedml.testing.RealizeFixture;

/**
 * The stand-in {@code glue} stage of the end-to-end tests, and the store they realize in: two made-up tasks, PAIRS (pair
 * classification, labels 0/1, with an extra split dev_mismatched as MNLI has) and SCORES (pair
 * regression). Test splits have no labels.
 */
final class FixtureGlue {
    static final int TRAIN = 30;
    static final int DEV = 6;
    static final int TEST = 4;
    static final int MISMATCHED = 3;

    private FixtureGlue() {
    }

    /** The real store and realizer on {@code root} with the real fetchurl, this bundle's stages and the stand-in glue. */
    static RealizeFixture store(Path root) {
        return store(root, stage());
    }

    /** The same with another glue stage. */
    static RealizeFixture store(Path root, Stage glue) {
        return new RealizeFixture(root).add(
                new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ZERO)),
                new BertCheckpointStage(), new BertRandomInitStage(), new GlueFeaturesStage(), glue);
    }

    static GeneratedGlueStage stage() {
        GeneratedGlueTask pairs = GeneratedGlueTask.classification("PAIRS", List.of("0", "1"), true,
                (e, split, i, random) -> example(e, split, i, false));
        GeneratedGlueTask scores = GeneratedGlueTask.regression("SCORES", true,
                (e, split, i, random) -> example(e, split, i, true));
        return new GeneratedGlueStage("test fixture in the glue stage's output format",
                splits(pairs).split("dev_mismatched", MISMATCHED, 0), splits(scores));
    }

    private static GeneratedGlueTask splits(GeneratedGlueTask task) {
        return task.split("train", TRAIN, 0).split("dev", DEV, 0).split("test", TEST, 0);
    }

    private static void example(ObjectNode e, String split, int i, boolean regression) {
        e.put("sentence1", "Sentence number " + i + " of " + split + (i % 3 == 0 ? " has a much longer tail, going on and on." : "."));
        e.put("sentence2", "Pair " + i + "!");
        if (!split.equals("test")) {
            if (regression) {
                e.put("label", i * 0.25);
            } else {
                e.put("label", String.valueOf(i % 2));
            }
        }
    }
}
