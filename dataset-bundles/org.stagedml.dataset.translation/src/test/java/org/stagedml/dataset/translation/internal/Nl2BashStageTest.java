package org.stagedml.dataset.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.testing.FolderBuildContext;

/** The nl2bash build called directly on generated all.nl/all.cm files. */
class Nl2BashStageTest {
    @TempDir
    Path tmp;
    private final Nl2BashStage stage = new Nl2BashStage();
    private int builds;

    private FolderBuildContext build(Map<String, ?> overrides, byte[] nl, byte[] cm) throws Exception {
        FolderBuildContext b = new FolderBuildContext(stage, overrides, Files.createDirectories(tmp.resolve("out" + builds++)));
        b.dependencyPaths.put("nl", fetched("all.nl", nl));
        b.dependencyPaths.put("cm", fetched("all.cm", cm));
        stage.build(b);
        return b;
    }

    /** A fetchurl realization: the file under the URL's name, and context.json. */
    private Path fetched(String name, byte[] content) throws IOException {
        Path dep = Files.createDirectories(tmp.resolve("fetched-" + name + "-" + builds));
        Files.write(dep.resolve(name), content);
        Files.writeString(dep.resolve("context.json"), "{}");
        return dep;
    }

    private static List<String> ids(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : TranslationFiles.lines(file)) {
            ids.add(n.get("id").asText());
        }
        return ids;
    }

    @Test
    void pairsAreNormalizedAndSplitIntoTheLayout() throws Exception {
        byte[][] f = TranslationFiles.nl2bash();
        FolderBuildContext b = build(Map.of(), f[0], f[1]);
        JsonNode info = Json.mapper().readTree(b.out.resolve("corpus.json").toFile());
        assertEquals("nl2bash", info.get("corpus").asText());
        assertEquals("en", info.get("source_language").asText());
        assertEquals("bash", info.get("target_language").asText());
        assertEquals(TranslationFiles.NL2BASH_LINES, info.get("lines").asInt());
        assertEquals(2, info.get("skipped").get("empty").asInt());
        assertEquals(1, info.get("skipped").get("duplicate").asInt());
        // 31 pairs kept: 10% each for dev and test (rounded), the rest train
        assertEquals(25, info.get("counts").get("train").asInt());
        assertEquals(3, info.get("counts").get("dev").asInt());
        assertEquals(3, info.get("counts").get("test").asInt());
        List<JsonNode> all = new ArrayList<>();
        for (String split : Nl2BashStage.SPLITS) {
            List<JsonNode> rows = TranslationFiles.lines(b.out.resolve(split + ".jsonl"));
            assertEquals(info.get("counts").get(split).asInt(), rows.size());
            assertEquals(rows.size(), Files.readAllLines(b.out.resolve(split + ".jsonl")).size(), "one object per line");
            all.addAll(rows);
        }
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        all.forEach(r -> byId.put(r.get("id").asText(), r));
        assertEquals(31, byId.size());
        assertEquals(Set.of("id", "source", "target"), fieldNames(byId.get("nl2bash-1")));
        assertEquals("List files in directory 3", byId.get("nl2bash-3").get("source").asText());
        assertEquals("ls -la /tmp/3", byId.get("nl2bash-3").get("target").asText());
        assertEquals("find . -name 'caf\u00e9' | wc -l", byId.get("nl2bash-5").get("target").asText());
        assertEquals("echo two", byId.get("nl2bash-34").get("target").asText());
        for (String dropped : List.of("nl2bash-31", "nl2bash-32", "nl2bash-33")) {
            assertTrue(!byId.containsKey(dropped), dropped);
        }
        // UTF-8 as is, one object per line
        String text = Files.readString(b.out.resolve("train.jsonl"), StandardCharsets.UTF_8)
                + Files.readString(b.out.resolve("dev.jsonl")) + Files.readString(b.out.resolve("test.jsonl"));
        assertTrue(text.contains("caf\u00e9"), "non-ASCII kept as is");
        assertEquals(List.of(DataLayouts.PARALLEL_JSONL), stage.provides());
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void theSplitIsSeededDeterministicAndDisjoint() throws Exception {
        byte[][] f = TranslationFiles.nl2bash();
        FolderBuildContext one = build(Map.of("seed", 7), f[0], f[1]);
        FolderBuildContext again = build(Map.of("seed", 7), f[0], f[1]);
        FolderBuildContext other = build(Map.of("seed", 8), f[0], f[1]);
        for (String split : Nl2BashStage.SPLITS) {
            assertEquals(Files.readString(one.out.resolve(split + ".jsonl")), Files.readString(again.out.resolve(split + ".jsonl")),
                    split + " is the same for the same seed");
        }
        assertNotEquals(ids(one.out.resolve("dev.jsonl")), ids(other.out.resolve("dev.jsonl")), "another seed, another dev");
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (String split : Nl2BashStage.SPLITS) {
            List<String> ids = ids(one.out.resolve(split + ".jsonl"));
            total += ids.size();
            seen.addAll(ids);
            List<Integer> lines = ids.stream().map(i -> Integer.parseInt(i.substring("nl2bash-".length()))).toList();
            assertEquals(lines.stream().sorted().toList(), lines, split + " keeps the corpus order");
        }
        assertEquals(31, total);
        assertEquals(31, seen.size(), "no pair in two splits");
    }

    @Test
    void splitFractionsAreConfigurable() throws Exception {
        SeededSplit s = SeededSplit.of(1000, 3, 0.05, 0.0);
        assertEquals(50, s.dev().size());
        assertEquals(0, s.test().size());
        assertEquals(950, s.train().size());
        assertEquals(s, SeededSplit.of(1000, 3, 0.05, 0.0));
        byte[][] f = TranslationFiles.nl2bash();
        FolderBuildContext b = build(Map.of("dev_fraction", 0.2, "test_fraction", 0.0), f[0], f[1]);
        assertEquals(0, Files.size(b.out.resolve("test.jsonl")));
        assertEquals(6, TranslationFiles.lines(b.out.resolve("dev.jsonl")).size());
    }

    @Test
    void badInputIsAClearError() throws Exception {
        byte[][] f = TranslationFiles.nl2bash();
        byte[] shorter = "only one line\n".getBytes(StandardCharsets.UTF_8);
        StagedmlException e = assertThrows(StagedmlException.class, () -> build(Map.of(), f[0], shorter));
        assertTrue(e.getMessage().contains("all.nl has 34 lines and all.cm 1"), e.getMessage());
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(StagedmlException.class, () -> build(Map.of(), latin1, "ls\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("all.nl is not UTF-8 text (line 1)"), e.getMessage());
        byte[] blank = "\n \n".getBytes(StandardCharsets.UTF_8);
        e = assertThrows(StagedmlException.class, () -> build(Map.of(), blank, blank));
        assertTrue(e.getMessage().contains("no pair with both sides non-empty"), e.getMessage());
        ConfigException c = assertThrows(ConfigException.class,
                () -> stage.dependencies(stage.schema().apply("nl2bash", Map.of("dev_fraction", 0.6, "test_fraction", 0.4))));
        assertTrue(c.getMessage().contains("dev_fraction and test_fraction"), c.getMessage());
    }

    @Test
    void dependenciesAreThePinnedFiles() {
        Map<String, Dependency> deps = stage.dependencies(stage.schema().apply("nl2bash", Map.of()));
        assertEquals(List.of("nl", "cm"), List.copyOf(deps.keySet()));
        assertEquals("fetchurl", deps.get("nl").stage());
        assertEquals("https://raw.githubusercontent.com/TellinaTool/nl2bash/d6b9f5bdff45621d190134e31ab63b7bf7002190/data/bash/all.cm",
                deps.get("cm").overrides().get("url"));
        assertEquals("1db0c529c350b463919624550b8f5882a97c42ad5051c7d49fbc496bc4e8b770", deps.get("nl").overrides().get("sha256"));
        assertEquals("3a72eaced7fa14a0938354cefc42b2dcafb2d47297102f1279086e18c3abe57e", deps.get("cm").overrides().get("sha256"));
    }
}
