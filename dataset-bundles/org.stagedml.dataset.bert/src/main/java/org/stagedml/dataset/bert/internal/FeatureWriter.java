package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputEncoder;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordWriter;

/**
 * Turns a GLUE task into BERT inputs: train shuffled with the seed and split into train and valid
 * (the first {@code round(validFraction * n)} shuffled examples are valid), dev, test and any other
 * split (MNLI's dev_mismatched, test_mismatched) in their order; one TFRecord of tf.train.Example per
 * split ({@code <split>.tfrecord}) and {@code features.json} describing them.
 */
final class FeatureWriter {
    static final List<String> OUTPUTS = List.of("train.tfrecord", "valid.tfrecord", "dev.tfrecord", "test.tfrecord",
            "features.json");

    /** Where the build reports to; a plain lambda set in tests. */
    interface Progress {
        void report(double fraction, String message);
    }

    private final GlueTask task;
    private final FullTokenizer tokenizer;
    private final InputEncoder encoder;
    private final long seed;
    private final double validFraction;
    private final BooleanSupplier cancelled;
    private final Progress progress;
    private int truncated;

    FeatureWriter(GlueTask task, FullTokenizer tokenizer, int maxSeqLength, long seed, double validFraction,
            BooleanSupplier cancelled, Progress progress) {
        this.task = task;
        this.tokenizer = tokenizer;
        this.encoder = new InputEncoder(tokenizer, maxSeqLength);
        this.seed = seed;
        this.validFraction = validFraction;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /** Writes every output into {@code out}; returns features.json. */
    ObjectNode write(Path out) throws IOException {
        List<String> train = task.lines("train");
        Collections.shuffle(train, new Random(seed));
        int valid = (int) Math.round(validFraction * train.size());
        Map<String, List<String>> others = new LinkedHashMap<>();
        for (String split : task.otherSplits()) {
            others.put(split, task.lines(split));
        }
        int total = train.size() + others.values().stream().mapToInt(List::size).sum();
        int[] done = {0};
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        counts.put("train", write(out.resolve("train.tfrecord"), train.subList(valid, train.size()), "train", done, total));
        counts.put("valid", write(out.resolve("valid.tfrecord"), train.subList(0, valid), "train", done, total));
        for (Map.Entry<String, List<String>> split : others.entrySet()) {
            counts.put(split.getKey(), write(out.resolve(split.getKey() + ".tfrecord"), split.getValue(), split.getKey(), done, total));
        }
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("task", task.task);
        f.put("type", task.regression ? "regression" : "classification");
        f.put("pair", task.pair);
        f.set("labels", Json.mapper().valueToTree(task.labels));
        f.put("label_feature", task.regression ? InputFeatures.LABEL : InputFeatures.LABEL_IDS);
        f.put("max_seq_length", encoder.maxSeqLength());
        f.put("seed", seed);
        f.put("valid_fraction", validFraction);
        f.set("counts", counts);
        f.put("truncated", truncated); // examples longer than max_seq_length, cut to fit
        JsonFiles.write(out.resolve("features.json"), f);
        return f;
    }

    private long write(Path file, List<String> lines, String split, int[] done, int total) throws IOException {
        try (TfRecordWriter w = new TfRecordWriter(file)) {
            for (String line : lines) {
                if ((done[0] & 1023) == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new org.stagedml.api.CancelledException("glue-features cancelled");
                    }
                    progress.report((double) done[0] / Math.max(1, total), split + ": " + done[0] + " of " + total);
                }
                w.write(encode(line, split).toExample(task.regression));
                done[0]++;
            }
            return w.records();
        }
    }

    private InputFeatures encode(String line, String split) throws IOException {
        JsonNode e = Json.mapper().readTree(line);
        JsonNode s1 = e.get("sentence1");
        if (s1 == null || !s1.isTextual()) {
            throw new StagedmlException(split + " example " + e.path("id") + " of " + task.task + " has no sentence1");
        }
        String b = task.pair ? e.path("sentence2").asText("") : "";
        List<String> tokensA = tokenizer.tokenize(s1.textValue());
        List<String> tokensB = b.isEmpty() ? null : tokenizer.tokenize(b);
        int length = tokensA.size() + (tokensB == null ? 2 : tokensB.size() + 3);
        if (length > encoder.maxSeqLength()) {
            truncated++;
        }
        return encoder.encode(tokensA, tokensB, task.label(e, split), true);
    }
}
