package org.stagedml.dataset.glue.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.Json;

/**
 * Writes one normalized split: a JSON object per line, {@code {"id", "sentence1", "sentence2"
 * (pair tasks), "label" (not for test)}}, UTF-8, non-ASCII as is.
 */
final class JsonlWriter implements AutoCloseable {
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private final Writer out;
    private long count;

    JsonlWriter(Path file) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes one example; {@code sentence2} null for single-sentence tasks, {@code label} null for test. */
    void write(long id, String sentence1, String sentence2, Object label) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", id);
        o.put("sentence1", sentence1);
        if (sentence2 != null) {
            o.put("sentence2", sentence2);
        }
        if (label instanceof String s) {
            o.put("label", s);
        } else if (label instanceof Double d) {
            o.put("label", d);
        }
        out.write(LINE.writeValueAsString(o));
        out.write('\n');
        count++;
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
