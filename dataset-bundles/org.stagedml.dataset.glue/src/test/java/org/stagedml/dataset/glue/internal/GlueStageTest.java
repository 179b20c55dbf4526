package org.stagedml.dataset.glue.internal;

import org.stagedml.testing.FolderBuildContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;

/** The glue build called directly on generated files in the published layouts. */
class GlueStageTest {
    @TempDir
    Path tmp;
    private final GlueStage stage = new GlueStage();

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            l.add(Json.mapper().readTree(line));
        }
        return l;
    }

    private Path dependency(String name, String file, byte[] content) throws IOException {
        Path dep = Files.createDirectories(tmp.resolve("dep-" + name));
        Files.write(dep.resolve(file), content);
        Files.writeString(dep.resolve("context.json"), "{}");
        return dep;
    }

    private Path buildZipTask(String task) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out-" + task));
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("task", task), out);
        b.dependencyPaths.put("archive", dependency(task, task + ".zip", GlueFiles.zip(task)));
        stage.build(b);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CoLA", "SST-2", "STS-B", "QQP", "MNLI", "QNLI", "RTE", "WNLI"})
    void everyZipTaskGivesTheNormalizedLayout(String task) throws Exception {
        GlueTask t = GlueTask.ALL.get(task);
        Path out = buildZipTask(task);
        JsonNode info = Json.mapper().readTree(out.resolve("task.json").toFile());
        assertEquals(task, info.get("task").asText());
        assertEquals(t.pair(), info.get("pair").asBoolean());
        assertEquals(task.equals("STS-B") ? "regression" : "classification", info.get("type").asText());
        assertEquals(t.labels().size(), info.get("labels").size());
        for (String split : t.splits().keySet()) {
            List<JsonNode> rows = lines(out.resolve(split + ".jsonl"));
            int n = split.equals("train") ? GlueFiles.TRAIN : split.startsWith("dev") ? GlueFiles.DEV : GlueFiles.TEST;
            assertEquals(n, rows.size(), split);
            assertEquals(n, info.get("counts").get(split).asInt(), split);
            for (int i = 0; i < n; i++) {
                JsonNode r = rows.get(i);
                String fileSplit = split;
                assertEquals(GlueFiles.s(fileSplit, i, 1), r.get("sentence1").asText(), split + " " + i);
                if (t.pair()) {
                    assertEquals(GlueFiles.s(fileSplit, i, 2), r.get("sentence2").asText());
                } else {
                    assertFalse(r.has("sentence2"));
                }
                // QQP's train and dev ids are its id column; elsewhere the index column or the row
                assertEquals(task.equals("QQP") && !split.startsWith("test") ? 1000 + i : i, r.get("id").asLong());
                if (GlueTask.isTest(split)) {
                    assertFalse(r.has("label"), split);
                } else if (t.regression()) {
                    assertTrue(r.get("label").isNumber());
                    assertEquals(i * 0.5, r.get("label").asDouble(), 1e-9);
                } else {
                    assertEquals(GlueFiles.label(t, i), r.get("label").asText());
                }
            }
        }
        assertEquals(0, info.get("skipped").size());
    }

    @Test
    void mnliHasMatchedAndMismatchedSets() throws Exception {
        Path out = buildZipTask("MNLI");
        for (String f : List.of("train", "dev", "dev_mismatched", "test", "test_mismatched")) {
            assertTrue(Files.exists(out.resolve(f + ".jsonl")), f);
        }
        assertEquals("dev_mismatched 0 sentence1 \"quoted\" caf\u00e9",
                lines(out.resolve("dev_mismatched.jsonl")).get(0).get("sentence1").asText());
        assertEquals(List.of("train.jsonl", "dev.jsonl", "dev_mismatched.jsonl", "test.jsonl",
                "test_mismatched.jsonl", "task.json"), stage.promises(stage.schema().apply("glue", Map.of("task", "MNLI"))));
    }

    @Test
    void mrpcIsAssembledLikeTheGlueScript() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out-MRPC"));
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("task", "MRPC"), out);
        b.dependencyPaths.put("mrpc_train", dependency("t", "msr_paraphrase_train.txt",
                GlueFiles.senteval("train", 8).getBytes(StandardCharsets.UTF_8)));
        b.dependencyPaths.put("mrpc_test", dependency("s", "msr_paraphrase_test.txt",
                GlueFiles.senteval("test", 3).getBytes(StandardCharsets.UTF_8)));
        b.dependencyPaths.put("mrpc_dev_ids", dependency("d", "mrpc_dev_ids.tsv",
                GlueFiles.devIds().getBytes(StandardCharsets.UTF_8)));
        stage.build(b);
        List<JsonNode> train = lines(out.resolve("train.jsonl"));
        List<JsonNode> dev = lines(out.resolve("dev.jsonl"));
        List<JsonNode> test = lines(out.resolve("test.jsonl"));
        assertEquals(6, train.size());
        assertEquals(2, dev.size());
        assertEquals(3, test.size());
        // train rows 1 and 4 are the dev ids, in file order; the rest stay in train, in file order
        assertEquals(GlueFiles.s("train", 1, 1), dev.get(0).get("sentence1").asText());
        assertEquals(GlueFiles.s("train", 4, 2), dev.get(1).get("sentence2").asText());
        assertEquals("1", dev.get(0).get("label").asText());
        assertEquals(List.of(0, 2, 3, 5, 6, 7), train.stream().map(r -> Integer.parseInt(
                r.get("sentence1").asText().split(" ")[1])).toList());
        assertEquals("0", train.get(0).get("label").asText());
        assertEquals(List.of(0L, 1L), dev.stream().map(r -> r.get("id").asLong()).toList());
        assertEquals(2, test.get(2).get("id").asLong());
        assertFalse(test.get(0).has("label"));
        assertEquals(GlueFiles.s("test", 2, 2), test.get(2).get("sentence2").asText());
        JsonNode info = Json.mapper().readTree(out.resolve("task.json").toFile());
        assertEquals(Map.of("train", 6, "dev", 2, "test", 3), Json.mapper().convertValue(info.get("counts"), Map.class));
        assertTrue(info.get("pair").asBoolean());
    }

    @Test
    void dependenciesAreTheCataloguedFiles() {
        Map<String, Dependency> cola = stage.dependencies(stage.schema().apply("glue", Map.of("task", "CoLA")));
        assertEquals(List.of("archive"), List.copyOf(cola.keySet()));
        assertEquals("fetchurl", cola.get("archive").stage());
        assertEquals("f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff",
                cola.get("archive").overrides().get("sha256"));
        assertTrue(((String) stage.dependencies(stage.schema().apply("glue", Map.of("task", "QNLI")))
                .get("archive").overrides().get("url")).contains("QNLIv2.zip"));
        Map<String, Dependency> mrpc = stage.dependencies(stage.schema().apply("glue", Map.of("task", "MRPC")));
        assertEquals(List.of("mrpc_train", "mrpc_test", "mrpc_dev_ids"), List.copyOf(mrpc.keySet()));
        assertEquals("https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt",
                mrpc.get("mrpc_train").overrides().get("url"));
        assertThrows(org.stagedml.api.ConfigException.class,
                () -> stage.schema().apply("glue", Map.of("task", "SQuAD")));
    }

    @Test
    void aZipOfAnotherTaskIsAClearError() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("task", "RTE"), out);
        b.dependencyPaths.put("archive", dependency("x", "RTE.zip", GlueFiles.zip("SST-2")));
        StagedmlException e = assertThrows(StagedmlException.class, () -> stage.build(b));
        assertTrue(e.getMessage().contains("no column 'sentence1'"), e.getMessage());

        FolderBuildContext b2 = new FolderBuildContext(stage, Map.of("task", "MNLI"), Files.createDirectories(tmp.resolve("o2")));
        b2.dependencyPaths.put("archive", dependency("y", "MNLI.zip", GlueFiles.zip("RTE")));
        e = assertThrows(StagedmlException.class, () -> stage.build(b2));
        assertTrue(e.getMessage().contains("has no dev_matched.tsv"), e.getMessage());
    }

    @Test
    void aFewMalformedRowsAreSkippedAndCountedManyAreAnError() throws Exception {
        GlueTask rte = GlueTask.ALL.get("RTE");
        StringBuilder tsv = new StringBuilder("index\tsentence1\tsentence2\tlabel\n");
        for (int i = 0; i < 300; i++) {
            tsv.append(i).append("\ta\tb\t").append(i == 7 ? "maybe" : "entailment").append('\n');
        }
        tsv.append("300\tonly two\n");
        Path target = tmp.resolve("train.jsonl");
        List<String> log = new ArrayList<>();
        SplitConverter.Result r = new SplitConverter(rte, () -> false).convert("train", "RTE/train.tsv",
                new java.io.ByteArrayInputStream(tsv.toString().getBytes(StandardCharsets.UTF_8)), target, log::add);
        assertEquals(299, r.written());
        assertEquals(2, r.skipped());
        assertEquals(2, log.size());
        String bad = "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tmaybe\n1\ta\tb\tentailment\n";
        StagedmlException e = assertThrows(StagedmlException.class, () -> new SplitConverter(rte, () -> false)
                .convert("train", "RTE/train.tsv", new java.io.ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                        target, log::add));
        assertTrue(e.getMessage().contains("not the published GLUE file"), e.getMessage());
    }
}
