package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.Json;

/** Pretty JSON files with a final newline, so outputs are stable byte for byte. */
final class JsonFiles {
    private JsonFiles() {
    }

    static void write(Path file, JsonNode node) throws IOException {
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n",
                StandardCharsets.UTF_8);
    }

    static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }
}
