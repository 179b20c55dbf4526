package org.stagedml.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * FolderBuildContext and the realizer's build context accept and refuse the same reports: each
 * case is built once directly over a folder and once through {@link RealizeFixture}.
 */
class SameRulesTest {
    @TempDir
    Path tmp;

    /** Reports what its {@code report} field names. */
    @StageProperties(name = "reporter", version = 1, description = "reports good or bad metrics, history and notes")
    static final class Reporter implements Stage {
        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.string("report", "good", "which report to make"));
        }

        @Override
        public void build(BuildContext b) throws Exception {
            Map<String, Number> metrics = new LinkedHashMap<>();
            Map<String, Object> record = new LinkedHashMap<>();
            switch (b.config().getString("report")) {
                case "good" -> {
                    metrics.put("accuracy", 0.75);
                    metrics.put("steps", 12);
                    record.put("step", 1);
                    record.put("loss", Double.NaN); // NaN in history is kept (as a string), not refused
                    b.note("device", null);
                }
                case "nan" -> metrics.put("loss", Double.NaN);
                case "infinite" -> metrics.put("loss", Float.POSITIVE_INFINITY);
                case "space" -> metrics.put("dev accuracy", 1);
                case "colon" -> metrics.put("dev:accuracy", 1);
                case "empty" -> metrics.put("", 1);
                case "null" -> metrics.put("loss", null);
                case "history" -> record.put("", 1);
                case "note" -> b.note("", "x");
                default -> throw new IllegalArgumentException(b.config().getString("report"));
            }
            b.progress(Double.NaN, "any fraction is accepted");
            b.writeMetrics(metrics);
            b.appendHistory(record);
        }
    }

    private static String folderFailure(Path out, String report) {
        Reporter stage = new Reporter();
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("report", report), out);
        return assertThrows(StagedmlException.class, () -> stage.build(b), report).getMessage();
    }

    @Test
    void bothContextsRefuseTheSameReports() throws Exception {
        try (RealizeFixture f = new RealizeFixture(tmp.resolve("store")).add(new Reporter())) {
            Map<String, String> rules = Map.of("nan", "is not finite", "infinite", "is not finite",
                    "space", "is not usable", "colon", "is not usable", "empty", "is not usable", "null", "has no value",
                    "history", "has an empty key", "note", "has an empty key");
            for (Map.Entry<String, String> c : rules.entrySet()) {
                String direct = folderFailure(Files.createDirectories(tmp.resolve(c.getKey())), c.getKey());
                assertTrue(direct.contains(c.getValue()), c.getKey() + ": " + direct);
                Exception realized = assertThrows(Exception.class, () -> f.realize("reporter", Map.of("report", c.getKey())));
                assertTrue(realized.getMessage().contains(c.getValue()), c.getKey() + ": " + realized.getMessage());
            }
            assertEquals(List.of(), f.store().realizationsOf("reporter"));
            assertEquals(List.of(), f.leftovers());
        }
    }

    @Test
    void bothContextsWriteTheSameFiles() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Reporter stage = new Reporter();
        FolderBuildContext b = new FolderBuildContext(stage, Map.of(), out);
        stage.build(b);
        assertEquals(Map.of("device", ""), new HashMap<>(b.notes));
        assertEquals(List.of(0.0), b.progress);
        try (RealizeFixture f = new RealizeFixture(tmp.resolve("store")).add(new Reporter())) {
            RRef r = f.realize("reporter", Map.of());
            for (String file : List.of("metrics.json", "history.jsonl")) {
                assertEquals(Files.readString(out.resolve(file)), Files.readString(f.file(r, file)), file);
            }
            assertEquals(Map.of("accuracy", 0.75, "steps", 12.0), f.metrics(r));
            assertEquals("", f.notes(r).get("device"));
            assertEquals(List.of(Path.of("history.jsonl"), Path.of("metrics.json")), f.outputFiles(r));
        }
    }
}
