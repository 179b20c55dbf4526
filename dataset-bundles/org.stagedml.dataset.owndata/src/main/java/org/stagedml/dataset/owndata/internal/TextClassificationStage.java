package org.stagedml.dataset.owndata.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code text-classification train=<file or URL> text=<column> label=<column>}: labelled texts from
 * the user's CSV, TSV or JSON lines files in the {@code glue} stage's normalized layout
 * ({@link DataLayouts#GLUE_JSONL}), so every model that reads GLUE reads them. Without {@code dev}
 * and {@code test} files, {@code train} is split by a seeded hash of each example's text.
 */
@Component(service = Stage.class)
@StageProperties(name = TextClassificationStage.NAME, version = 1,
        description = "your labelled texts (CSV, TSV or JSON lines) in GLUE's normalized layout")
public class TextClassificationStage implements Stage {
    public static final String NAME = "text-classification";
    private static final List<String> FILES = List.of("train", "dev", "test");
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ConfigSchema SCHEMA = SeededSplit.schema("train,dev,test fractions when only train is given",
            FieldSpec.required("train", FieldType.PATH, "the labelled texts: a local file, or a URL with train_sha256"),
            FieldSpec.string("train_sha256", "", "the published sha256 of a train URL (computed for a local file)"),
            FieldSpec.path("dev", "", "optional dev file (local or URL with dev_sha256); without dev and test, train is split"),
            FieldSpec.string("dev_sha256", "", "the published sha256 of a dev URL"),
            FieldSpec.path("test", "", "optional test file (labels optional)"),
            FieldSpec.string("test_sha256", "", "the published sha256 of a test URL"),
            FieldSpec.choice("format", "auto", List.of("auto", "csv", "tsv", "jsonl"), "file format; auto: from the file name"),
            FieldSpec.string("text", "text", "the column (or JSON key) holding the text; a 0-based number with header=false"),
            FieldSpec.string("text2", "", "the column of the second text, for pair tasks; empty for single texts"),
            FieldSpec.string("label", "label", "the column (or JSON key) holding the label"),
            FieldSpec.bool("header", true, "CSV/TSV: the first row names the columns"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.GLUE_JSONL);
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        SeededSplit.parse(NAME, config.getString("split"), config.getLong("seed"));
        return Sources.dependencies(NAME, config, FILES);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", "task.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        TextTable.Columns cols = new TextTable.Columns(c.getString("text"), c.getString("text2"), c.getString("label"),
                c.getBoolean("header"));
        SeededSplit split = SeededSplit.parse(NAME, c.getString("split"), c.getLong("seed"));
        List<List<TextTable.Example>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> shown = new ArrayList<>(List.of("", "", ""));
        boolean splitTrain = c.getString("dev").isBlank();
        for (int i = 0; i < 3; i++) {
            String field = FILES.get(i);
            if (c.getString(field).isBlank()) {
                continue;
            }
            b.checkCancelled();
            Path file = Sources.resolve(b, field);
            String as = c.getString(field);
            shown.set(i, as);
            String format = TextTable.format(c.getString("format"), Path.of(as.replaceAll("[?#].*", "")).getFileName().toString());
            List<TextTable.Example> rows = TextTable.read(file, as, format, cols, i < 2);
            if (i == 0 && splitTrain) {
                for (TextTable.Example e : rows) {
                    int s = split.of(e.text(), e.text2());
                    // with a test file of its own, what the split sends to test goes to dev
                    parts.get(s == 2 && !c.getString("test").isBlank() ? 1 : s).add(e);
                }
            } else {
                parts.get(i).addAll(rows);
            }
        }
        TreeSet<String> labelSet = new TreeSet<>();
        parts.get(0).forEach(e -> labelSet.add(e.label()));
        List<String> labels = List.copyOf(labelSet);
        check(parts, shown, labels, splitTrain, split, !c.getString("test").isBlank());
        boolean pair = !cols.text2().isEmpty();
        long[] counts = new long[3];
        for (int i = 0; i < 3; i++) {
            counts[i] = write(b.out().resolve(FILES.get(i) + ".jsonl"), parts.get(i));
        }
        ObjectNode t = Json.mapper().createObjectNode();
        String trainName = Path.of(c.getString("train").replaceAll("[?#].*", "")).getFileName().toString();
        t.put("task", trainName.replaceAll("\\.[^.]*$", ""));
        t.put("type", "classification");
        labels.forEach(t.putArray("labels")::add);
        t.put("pair", pair);
        ObjectNode n = t.putObject("counts");
        for (int i = 0; i < 3; i++) {
            n.put(FILES.get(i), counts[i]);
        }
        t.putObject("skipped");
        Json.mapper().writeValue(b.out().resolve("task.json").toFile(), t);
        b.log(String.format("text-classification %s: %d train, %d dev, %d test examples, labels %s", trainName, counts[0],
                counts[1], counts[2], labels));
        b.progress(1, "done");
    }

    /** Empty splits, a single label, and dev/test labels unknown to train are errors naming file and line. */
    private static void check(List<List<TextTable.Example>> parts, List<String> shown, List<String> labels,
            boolean splitTrain, SeededSplit split, boolean testFile) {
        String train = shown.get(0);
        for (int i = 0; i < 3; i++) {
            boolean fromTrain = i == 0 || splitTrain && (i == 1 || !testFile);
            boolean expected = i < 2 || testFile || fromTrain && split.fraction(2) > 0;
            if (expected && parts.get(i).isEmpty()) {
                throw new StagedmlException("the " + FILES.get(i) + " split is empty: " + (fromTrain && i > 0
                        ? train + " has too few examples for the split fractions; give more rows, a "
                                + FILES.get(i) + " file, or another split"
                        : (fromTrain ? train : shown.get(i)) + " holds no examples"));
            }
        }
        if (labels.size() < 2) {
            throw new StagedmlException(train + ": every training example has the label " + labels
                    + "; a classifier needs at least two labels");
        }
        for (int i = 1; i < 3; i++) {
            for (TextTable.Example e : parts.get(i)) {
                if (e.label() != null && !labels.contains(e.label())) {
                    String file = splitTrain && (i == 1 || !testFile) ? train : shown.get(i);
                    throw new StagedmlException(file + " line " + e.line() + ": label '" + e.label()
                            + "' is not among the training labels " + labels);
                }
            }
        }
    }

    private static long write(Path file, List<TextTable.Example> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long id = 0;
            for (TextTable.Example e : rows) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("id", id++);
                o.put("sentence1", e.text());
                if (e.text2() != null) {
                    o.put("sentence2", e.text2());
                }
                if (e.label() != null) {
                    o.put("label", e.label());
                }
                w.write(LINE.writeValueAsString(o));
                w.write('\n');
            }
            return id;
        }
    }
}
