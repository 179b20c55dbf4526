package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.testing.RealizeFixture;

/** text-corpus on folders and files the test writes, through the real realizer and store. */
class TextCorpusStageTest {
    @TempDir
    Path tmp;
    private RealizeFixture fx;
    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        fx = new RealizeFixture(tmp.resolve("store")).add("org.stagedml.dataset.wiki", new TextCorpusStage());
        folder = Files.createDirectories(tmp.resolve("corpus"));
        // a byte order mark, CRLF, trailing blanks and runs of blank lines; no blank line at the end
        Files.writeString(folder.resolve("a.txt"), "\uFEFFOne sentence.\r\nTwo sentences.  \r\n\r\n\r\n\r\nAnother document.\r\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/b.txt"), "\n\nЛевый документ.\nВторая строка.");
        Files.writeString(folder.resolve(".hidden"), "not text \u0000");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aFolderIsNormalizedIntoTheTextLinesLayout() throws Exception {
        RRef r = fx.realize("text-corpus", Map.of("path", folder.toString(), "language", "ru"));
        assertEquals("One sentence.\nTwo sentences.\n\nAnother document.\n\nЛевый документ.\nВторая строка.\n\n",
                Files.readString(fx.file(r, TextParts.FIRST)));
        JsonNode c = Json.mapper().readTree(fx.file(r, TextParts.INFO).toFile());
        assertEquals("ru", c.get("language").asText());
        assertEquals(3, c.get("documents").asLong());
        assertEquals(5, c.get("sentences").asLong());
        assertEquals(1, c.get("files").asLong());
        assertEquals(2, c.get("inputs").asLong());
        assertEquals(List.of(Path.of(TextParts.INFO), Path.of(TextParts.FIRST)), fx.outputFiles(r));
        // one file alone
        RRef one = fx.realize("text-corpus", Map.of("path", folder.resolve("sub/b.txt").toString()));
        assertEquals("Левый документ.\nВторая строка.\n\n", Files.readString(fx.file(one, TextParts.FIRST)));
    }

    @Test
    void editingAFileMakesANewDerivation() throws Exception {
        RRef before = fx.realize("text-corpus", Map.of("path", folder.toString()));
        assertEquals(before, fx.realize("text-corpus", Map.of("path", folder.toString())));
        Files.writeString(folder.resolve("sub/b.txt"), "Edited.\n");
        RRef after = fx.realize("text-corpus", Map.of("path", folder.toString()));
        assertNotEquals(before.dref(), after.dref());
        assertTrue(Files.readString(fx.file(after, TextParts.FIRST)).endsWith("Another document.\n\nEdited.\n\n"));
    }

    @Test
    void badInputIsAClearError() throws Exception {
        Files.write(folder.resolve("sub/b.txt"), "Fine line.\n\nCaf\u00e9 in Latin-1.\n".getBytes(StandardCharsets.ISO_8859_1));
        Exception e = assertThrows(Exception.class, () -> fx.realize("text-corpus", Map.of("path", folder.toString())));
        assertTrue(e.getMessage().contains("sub/b.txt line 3: not UTF-8 (byte 0xe9 at offset 15"), e.getMessage());
        assertEquals(List.of(), fx.store().realizationsOf("text-corpus"));

        e = assertThrows(Exception.class, () -> fx.realize("text-corpus", Map.of("path", tmp.resolve("missing").toString())));
        assertTrue(e.getMessage().contains("no file or folder at"), e.getMessage());
        e = assertThrows(Exception.class, () -> fx.realize("text-corpus", Map.of("path", "https://example.org/c.txt")));
        assertTrue(e.getMessage().contains("must be a local file or folder"), e.getMessage());
        Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n  \n\n");
        e = assertThrows(Exception.class, () -> fx.realize("text-corpus", Map.of("path", blank.toString())));
        assertTrue(e.getMessage().contains("gave no text"), e.getMessage());
    }
}
