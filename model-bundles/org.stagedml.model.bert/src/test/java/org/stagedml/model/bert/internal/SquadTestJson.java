package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import org.stagedml.api.Json;

/** A JSON line parsed in a stream. */
final class SquadTestJson {
    private SquadTestJson() {
    }

    static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
