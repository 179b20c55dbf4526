package org.stagedml.dataset.subword.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.subword.SubwordTokenizer;
import org.stagedml.testing.GeneratedGlueStage;
import org.stagedml.testing.GeneratedGlueTask;
import org.stagedml.testing.RealizeFixture;

class SubwordVocabStageTest {
    private static final Map<String, Object> SMALL = Map.of("target_size", 200, "reserved", "bash");

    @Test
    void buildsFromTheDefaultDataServesFromTheStoreAndRebuildsTheSameBytes(@TempDir Path tmp) throws Exception {
        GeneratedParallelStage data = new GeneratedParallelStage("nl2bash");
        SubwordVocabStage stage = new SubwordVocabStage();
        byte[] subwords;
        byte[] json;
        try (RealizeFixture f = new RealizeFixture(tmp.resolve("a")).add(data, stage)) {
            RRef r = f.realize(SubwordVocabStage.NAME, SMALL);
            assertEquals(List.of(Path.of("vocab.json"), Path.of("vocab.subwords")), f.outputFiles(r));
            subwords = Files.readAllBytes(f.file(r, "vocab.subwords"));
            json = Files.readAllBytes(f.file(r, "vocab.json"));
            JsonNode info = Json.mapper().readTree(json);
            SubwordTokenizer tokenizer = SubwordTokenizer.load(f.file(r, "vocab.subwords"));
            assertEquals(tokenizer.size(), info.get("size").asInt());
            assertTrue(Math.abs(tokenizer.size() - 200) <= 20, "size " + tokenizer.size() + " for target 200");
            // the bash preset: command and flag names of the targets, each one id
            List<String> reserved = Json.mapper().convertValue(info.get("reserved"), List.class);
            assertTrue(reserved.containsAll(List.of("find", "xargs", "name", "la", "include")), reserved.toString());
            assertTrue(!reserved.contains("files") && !reserved.contains("txt"), reserved.toString());
            for (int i = 0; i < reserved.size(); i++) {
                assertArrayEquals(new int[] {2 + i}, tokenizer.encode(reserved.get(i)), reserved.get(i));
            }
            // every training text round-trips
            try (BufferedReader in = Files.newBufferedReader(f.path(f.dependency(r, "data")).resolve("train.jsonl"))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode pair = Json.mapper().readTree(line);
                    for (String field : List.of("source", "target")) {
                        String text = pair.get(field).textValue();
                        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
                    }
                }
            }
            assertEquals(r, f.realize(SubwordVocabStage.NAME, SMALL), "the second realize matches the first");
            assertEquals(1, data.builds());
        }
        try (RealizeFixture f = new RealizeFixture(tmp.resolve("b")).add(new GeneratedParallelStage("nl2bash"),
                new SubwordVocabStage())) {
            RRef r = f.realize(SubwordVocabStage.NAME, SMALL);
            assertArrayEquals(subwords, Files.readAllBytes(f.file(r, "vocab.subwords")));
            assertArrayEquals(json, Files.readAllBytes(f.file(r, "vocab.json")));
        }
    }

    @Test
    void dataChoosesTheCorpusAndDataOverridesReachIt(@TempDir Path tmp) throws Exception {
        GeneratedParallelStage other = new GeneratedParallelStage("other-corpus");
        try (RealizeFixture f = new RealizeFixture(tmp).add(new GeneratedParallelStage("nl2bash"), other,
                new SubwordVocabStage())) {
            RRef r = f.realize(SubwordVocabStage.NAME, Map.of("data", "other-corpus", "data.pairs", 100, "min_count", 2,
                    "reserved", "[\"find\",\" | \"]"));
            assertEquals(1, other.builds());
            assertEquals(100, f.realizer().configValue(r, "data.pairs").asInt());
            JsonNode info = Json.mapper().readTree(f.file(r, "vocab.json").toFile());
            assertEquals(2, info.get("min_count").asInt());
            assertEquals(100, info.get("pairs").asInt());
            SubwordTokenizer tokenizer = SubwordTokenizer.load(f.file(r, "vocab.subwords"));
            assertArrayEquals(new int[] {2}, tokenizer.encode("find"));
            assertArrayEquals(new int[] {3}, tokenizer.encode(" | "));
            assertTrue(java.util.Arrays.stream(tokenizer.encode("ls | wc")).anyMatch(id -> id == 3));
        }
    }

    @Test
    void maxCharsSamplesPairsAcrossTheCorpus(@TempDir Path tmp) throws Exception {
        try (RealizeFixture f = new RealizeFixture(tmp).add(new GeneratedParallelStage("nl2bash"), new SubwordVocabStage())) {
            RRef r = f.realize(SubwordVocabStage.NAME, Map.of("target_size", 100, "max_chars", 5000));
            JsonNode info = Json.mapper().readTree(f.file(r, "vocab.json").toFile());
            assertEquals(600, info.get("pairs").asInt());
            assertTrue(info.get("chars_read").asLong() <= 5000, info.toString());
            assertTrue(info.get("pairs_read").asInt() >= 50, info.toString());
        }
    }

    @Test
    void badConfigsFailClearly(@TempDir Path tmp) throws Exception {
        GeneratedGlueStage glue = new GeneratedGlueStage("not parallel", GeneratedGlueTask.classification("SST-2",
                List.of("0", "1"), false, (example, split, i, random) -> example.put("sentence1", "x").put("label", "0"))
                .split("train", 5, 1));
        try (RealizeFixture f = new RealizeFixture(tmp).add(new GeneratedParallelStage("nl2bash"), glue,
                new SubwordVocabStage())) {
            assertMessage(f, Map.of("reserved", "posix"), "reserved must be none, bash or a JSON list");
            assertMessage(f, Map.of("reserved", "[\"-la\"]"), "'-la' is not one token");
            assertMessage(f, Map.of("reserved", "[\"ls\",\"ls\"]"), "listed twice");
            assertMessage(f, Map.of("reserved", "[1]"), "not a string");
            assertMessage(f, Map.of("target_size", 1), "target_size must be at least 3");
            assertMessage(f, Map.of("iterations", 0), "iterations must be in [1, 100]");
            assertMessage(f, Map.of("data", "glue"), "glue");
        }
    }

    private static void assertMessage(RealizeFixture f, Map<String, ?> overrides, String expected) {
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.realize(SubwordVocabStage.NAME, overrides));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void bashPresetFindsCommandAndFlagNames() {
        List<String> tokens = new BashReservedTokens().add("find . -name '*.txt' | xargs rm -rf")
                .add("tar --create -f x.tar $(ls)").add("find ~ -type f").tokens();
        assertEquals(List.of("find", "create", "f", "ls", "name", "rf", "tar", "type", "xargs"), tokens);
    }
}
