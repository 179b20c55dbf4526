package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/** Parts of bounded size that start at document boundaries. */
class TextPartsTest {
    @TempDir
    Path tmp;

    @Test
    void aNewPartStartsAtADocumentOnceThePartIsFull() throws Exception {
        try (TextParts parts = new TextParts(tmp, 20)) {
            parts.document(List.of("First sentence here.", "Second."));   // 30 bytes: part 0 is full
            parts.document(List.of("Third one."));                        // part 1
            parts.document(List.of("Fourth \u00e9\u00e9\u00e9."));       // 12 + 1 + 1 bytes: still part 1
            parts.document(List.of());                                    // nothing
            parts.finish(tmp, "en", Json.mapper().createObjectNode().put("extra", 1), "test", "");
        }
        assertEquals("First sentence here.\nSecond.\n\n", Files.readString(tmp.resolve("text/part-00000.txt")));
        assertEquals("Third one.\n\nFourth \u00e9\u00e9\u00e9.\n\n", Files.readString(tmp.resolve("text/part-00001.txt")));
        JsonNode info = Json.mapper().readTree(tmp.resolve("corpus.json").toFile());
        assertEquals("en", info.get("language").asText());
        assertEquals(3, info.get("documents").asLong());
        assertEquals(4, info.get("sentences").asLong());
        assertEquals(2, info.get("files").asLong());
        assertEquals(1, info.get("extra").asLong());
    }

    @Test
    void noTextIsAnError() throws Exception {
        try (TextParts parts = new TextParts(tmp, 20)) {
            StagedmlException e = assertThrows(StagedmlException.class,
                    () -> parts.finish(tmp, "en", Json.mapper().createObjectNode(), "empty.xml", "it is empty"));
            assertEquals("empty.xml gave no text: it is empty", e.getMessage());
        }
    }
}
