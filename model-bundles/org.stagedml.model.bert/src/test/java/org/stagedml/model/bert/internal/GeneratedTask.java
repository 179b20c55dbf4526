package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.stagedml.api.Json;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordWriter;
import org.stagedml.testing.GeneratedGlueStage;
import org.stagedml.testing.GeneratedGlueTask;

/**
 * Generated, learnable tasks. {@link #glue(int)} stands in for the {@code glue} stage (another bundle)
 * and writes its documented output: a pair task VOWEL whose sentences are lower-case letters (each one
 * token in bert-random-init's synthetic vocabulary) and whose label is 1 exactly when sentence2
 * holds a vowel; balanced, so chance is 0.5.
 */
final class GeneratedTask {
    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxz";
    private static final String VOWELS = "aeiou";

    private GeneratedTask() {
    }

    static TrainingSink quietSink() {
        return historySink(record -> { });
    }

    /** A sink that counts steps (progress reports) and cancels the run once {@code cancelAfter} have run; history goes to the consumer. */
    static TrainingSink cancellingSink(int cancelAfter, Consumer<Map<String, ?>> history) {
        int[] steps = {0};
        return new TrainingSink() {
            @Override
            public void progress(double fraction, String message) {
                steps[0]++;
            }

            @Override
            public void log(String line) {
            }

            @Override
            public void checkCancelled() {
                if (steps[0] >= cancelAfter) {
                    throw new org.stagedml.api.CancelledException("cancelled by the test after " + steps[0] + " steps");
                }
            }

            @Override
            public void history(Map<String, ?> record) {
                history.accept(record);
            }
        };
    }

    /** A sink that keeps quiet except for history records, which go to the consumer. */
    static TrainingSink historySink(Consumer<Map<String, ?>> history) {
        return new TrainingSink() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void log(String line) {
            }

            @Override
            public void checkCancelled() {
            }

            @Override
            public void history(Map<String, ?> record) {
                history.accept(record);
            }
        };
    }

    /** glue-features output with random token ids (not learnable): for tests of everything but learning. */
    static Path writeFeatures(Path dir, int vocab, int seq, int train, int dev, int test) throws IOException {
        return writeFeatures(dir, vocab, seq, train, dev, test, false);
    }

    /** As above; for regression the score is the input's length as a fraction of seq (learnable from the mask). */
    static Path writeFeatures(Path dir, int vocab, int seq, int train, int dev, int test, boolean regression) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(3);
        for (String split : List.of("train", "valid", "dev", "test")) {
            int n = switch (split) {
                case "train" -> train;
                case "dev" -> dev;
                case "test" -> test;
                default -> 0;
            };
            try (TfRecordWriter w = new TfRecordWriter(dir.resolve(split + ".tfrecord"))) {
                for (int i = 0; i < n; i++) {
                    int[] ids = new int[seq];
                    int[] mask = new int[seq];
                    int len = 3 + r.nextInt(seq - 3);
                    for (int t = 0; t < len; t++) {
                        ids[t] = 5 + r.nextInt(vocab - 5);
                        mask[t] = 1;
                    }
                    double label = regression ? (double) len / seq : i % 2;
                    w.write(new InputFeatures(ids, mask, new int[seq], label, true).toExample(regression));
                }
            }
        }
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("task", regression ? "LENGTH" : "RANDOM");
        f.put("type", regression ? "regression" : "classification");
        f.put("pair", false);
        f.set("labels", Json.mapper().valueToTree(regression ? List.of() : List.of("0", "1")));
        f.put("label_feature", regression ? "label" : "label_ids");
        f.put("max_seq_length", seq);
        Files.writeString(dir.resolve("features.json"), f.toString());
        return dir;
    }

    /** Stand-in for the glue stage: the VOWEL task, {@code size} train examples, a quarter as many in dev and test. */
    static GeneratedGlueStage glue(int size) {
        return new GeneratedGlueStage("test stand-in for glue: generated pair task VOWEL",
                GeneratedGlueTask.classification("VOWEL", List.of("0", "1"), true, GeneratedTask::vowelExample)
                        .split("train", size, 11).split("dev", size / 4, 12).split("test", size / 4, 13));
    }

    /** Every other example (from the first) is positive: one of sentence2's three consonants becomes a vowel. */
    private static void vowelExample(ObjectNode e, String split, int i, Random r) {
        boolean positive = i % 2 == 0;
        StringBuilder a = new StringBuilder();
        for (int k = 0; k < 4 + r.nextInt(3); k++) {
            a.append(k == 0 ? "" : " ").append(randomLetter(r));
        }
        char[] b = new char[3];
        for (int k = 0; k < 3; k++) {
            b[k] = CONSONANTS.charAt(r.nextInt(CONSONANTS.length()));
        }
        if (positive) {
            b[r.nextInt(3)] = VOWELS.charAt(r.nextInt(VOWELS.length()));
        }
        e.put("sentence1", a.toString());
        e.put("sentence2", b[0] + " " + b[1] + " " + b[2]);
        e.put("label", positive ? "1" : "0");
    }

    private static char randomLetter(Random r) {
        return (char) ('a' + r.nextInt(26));
    }
}
