package org.stagedml.dataset.glue.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GLUE task: how its files are laid out in the published zip and what the normalized output
 * holds. Columns are found by the header names of the real files; CoLA's train and dev files have
 * no header (columns: source, label, original label, sentence).
 *
 * @param name the task name as GLUE spells it
 * @param labels the label values as the files write them, in the usual order (BERT's run_classifier);
 *        empty for the regression task STS-B
 * @param sentence1 the column of the first sentence
 * @param sentence2 the column of the second sentence; null for single-sentence tasks
 * @param label the label column of train and dev
 * @param splits output split name -> file name in the zip ({@code .jsonl}: one JSON object per line,
 *        read by {@link JsonlSplitConverter}; else TSV)
 * @param noGoldLabel the label value marking an example without a gold label, dropped from every
 *        split and counted in task.json's {@code dropped} (SNLI's '-'); null for the GLUE tasks
 * @param labelledTest whether the test split has public labels, kept in test.jsonl (SNLI); GLUE's are private
 */
public record GlueTask(String name, List<String> labels, String sentence1, String sentence2, String label,
        Map<String, String> splits, String noGoldLabel, boolean labelledTest) {
    /** CoLA's headerless train and dev columns. */
    static final List<String> COLA_COLUMNS = List.of("source", "label", "original_label", "sentence");

    private static final Map<String, String> STANDARD = splits("train", "train.tsv", "dev", "dev.tsv", "test", "test.tsv");
    private static final List<String> BINARY = List.of("0", "1");

    /** The nine GLUE tasks, in GLUE's order, then SNLI. */
    public static final Map<String, GlueTask> ALL;

    static {
        Map<String, GlueTask> m = new LinkedHashMap<>();
        put(m, new GlueTask("CoLA", BINARY, "sentence", null, "label", STANDARD));
        put(m, new GlueTask("SST-2", BINARY, "sentence", null, "label", STANDARD));
        put(m, new GlueTask("MRPC", BINARY, "#1 String", "#2 String", "Quality", STANDARD));
        put(m, new GlueTask("STS-B", List.of(), "sentence1", "sentence2", "score", STANDARD));
        put(m, new GlueTask("QQP", BINARY, "question1", "question2", "is_duplicate", STANDARD));
        put(m, new GlueTask("MNLI", List.of("contradiction", "entailment", "neutral"), "sentence1", "sentence2",
                "gold_label", splits("train", "train.tsv", "dev", "dev_matched.tsv", "dev_mismatched",
                        "dev_mismatched.tsv", "test", "test_matched.tsv", "test_mismatched", "test_mismatched.tsv")));
        put(m, new GlueTask("QNLI", List.of("entailment", "not_entailment"), "question", "sentence", "label", STANDARD));
        put(m, new GlueTask("RTE", List.of("entailment", "not_entailment"), "sentence1", "sentence2", "label", STANDARD));
        put(m, new GlueTask("WNLI", BINARY, "sentence1", "sentence2", "label", STANDARD));
        // SNLI 1.0 as Stanford publishes it (not GLUE's repackaging): the JSON lines of snli_1.0.zip, labels
        // numbered as TFDS and HuggingFace do; '-' (no annotator majority) is dropped as the SNLI paper and
        // GLUE's repackaging do
        put(m, new GlueTask("SNLI", List.of("entailment", "neutral", "contradiction"), "sentence1", "sentence2",
                "gold_label", splits("train", "snli_1.0_train.jsonl", "dev", "snli_1.0_dev.jsonl", "test",
                        "snli_1.0_test.jsonl"), "-", true));
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    /** A GLUE task: TSV files, private test labels, every example labelled. */
    public GlueTask(String name, List<String> labels, String sentence1, String sentence2, String label,
            Map<String, String> splits) {
        this(name, labels, sentence1, sentence2, label, splits, null, false);
    }

    private static void put(Map<String, GlueTask> m, GlueTask t) {
        m.put(t.name(), t);
    }

    private static Map<String, String> splits(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public boolean pair() {
        return sentence2 != null;
    }

    public boolean regression() {
        return labels.isEmpty();
    }

    /** True for a split without labels (GLUE keeps test labels private). */
    public static boolean isTest(String split) {
        return split.startsWith("test");
    }

    /** True where a split's file carries labels to keep: train and dev, and test where it is public. */
    public boolean labelled(String split) {
        return labelledTest || !isTest(split);
    }

    /** True where the task's files are JSON lines rather than TSV. */
    public boolean jsonLines() {
        return splits.values().iterator().next().endsWith(".jsonl");
    }

    /** True where the file has no header line (CoLA's train and dev). */
    public boolean headerless(String split) {
        return name.equals("CoLA") && !isTest(split);
    }
}
