package org.stagedml.dataset.squad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;
import org.stagedml.testing.FolderBuildContext;

/** The squad build called directly on generated files in the published layout. */
class SquadStageTest {
    @TempDir
    Path tmp;
    private final SquadStage stage = new SquadStage();

    static List<JsonNode> lines(Path file) throws IOException {
        return Json.mapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    }

    private FolderBuildContext context(byte[] train, byte[] dev) throws IOException {
        FolderBuildContext b = new FolderBuildContext(stage, Map.of(), Files.createDirectories(tmp.resolve("out")));
        for (String split : List.of("train", "dev")) {
            // a fetchurl realization: the file under the URL's name, and context.json
            Path dep = Files.createDirectories(tmp.resolve("fetched-" + split));
            Files.write(dep.resolve(split + "-v1.1.json"), split.equals("train") ? train : dev);
            Files.writeString(dep.resolve("context.json"), "{}");
            b.dependencyPaths.put(split, dep);
        }
        return b;
    }

    @Test
    void oneLinePerQuestionWithItsAnswersAndOffsets() throws Exception {
        FolderBuildContext b = context(SquadFiles.file("train"), SquadFiles.file("dev"));
        stage.build(b);
        List<JsonNode> train = lines(b.out.resolve("train.jsonl"));
        List<JsonNode> dev = lines(b.out.resolve("dev.jsonl"));
        assertEquals(3, train.size());
        assertEquals(3, dev.size());
        JsonNode q = train.get(0);
        assertEquals("train-1", q.get("id").asText());
        assertEquals("Super_Bowl_50", q.get("title").asText());
        assertEquals("Which team won?", q.get("question").asText());
        assertTrue(q.get("context").asText().startsWith("Super Bowl 50"));
        assertEquals(1, q.get("answers").size());
        assertEquals("Denver Broncos", q.get("answers").get(0).get("text").asText());
        assertEquals(49, q.get("answers").get(0).get("answer_start").asInt());
        JsonNode cafe = dev.get(2);
        assertEquals("Caf\u00e9", cafe.get("title").asText());
        assertEquals(SquadFiles.EMOJI_CONTEXT, cafe.get("context").asText());
        assertEquals(3, cafe.get("answers").size());
        assertEquals(29, cafe.get("answers").get(0).get("answer_start").asInt());
        JsonNode info = Json.mapper().readTree(b.out.resolve("squad.json").toFile());
        assertEquals(3, info.get("counts").get("dev").asInt());
        assertEquals(9, info.get("answers").get("dev").asInt());
        // the offsets count code points, as Python does: all aligned, the emoji included
        assertEquals(0, info.get("misaligned").get("train").asInt());
        assertEquals(0, info.get("misaligned").get("dev").asInt());
    }

    @Test
    void offsetsAreCheckedInPythonCharacters() {
        assertTrue(SquadNormalizer.alignedAt(SquadFiles.EMOJI_CONTEXT, "Caf\u00e9 Luna", 29));
        assertFalse(SquadNormalizer.alignedAt(SquadFiles.EMOJI_CONTEXT, "Caf\u00e9 Luna", 30)); // the UTF-16 index
        assertFalse(SquadNormalizer.alignedAt("abc", "c", 7));
        assertFalse(SquadNormalizer.alignedAt("abc", "c", -1));
    }

    @Test
    void anotherFileIsAClearError() throws Exception {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> stage.build(context(SquadFiles.file("train"), "{\"rows\": []}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("no \"data\" array"), e.getMessage());
        Files.walk(tmp.resolve("out")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        e = assertThrows(StagedmlException.class, () -> stage.build(context(SquadFiles.file("train"),
                "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"qas\": []}]}]}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("no text field \"context\""), e.getMessage());
    }

    @Test
    void dependenciesAreTheCataloguedFiles() {
        Map<String, Dependency> deps = stage.dependencies(stage.schema().apply("squad", Map.of()));
        assertEquals(List.of("train", "dev"), List.copyOf(deps.keySet()));
        assertEquals("fetchurl", deps.get("dev").stage());
        assertEquals("https://rajpurkar.github.io/SQuAD-explorer/dataset/dev-v1.1.json", deps.get("dev").overrides().get("url"));
        assertEquals("95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9", deps.get("dev").overrides().get("sha256"));
        assertEquals("3527663986b8295af4f7fcdff1ba1ff3f72d07d61a20f487cb238a6ef92fd955", deps.get("train").overrides().get("sha256"));
    }
}
