package org.stagedml.dataset.translation.internal;

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
 * Writes one split of the parallel-jsonl layout: a JSON object per line, {@code {"id", "source",
 * "target"}}, UTF-8, non-ASCII as is.
 */
final class ParallelJsonl implements AutoCloseable {
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private final Writer out;
    private long count;

    ParallelJsonl(Path file) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    void write(String id, String source, String target) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", id);
        o.put("source", source);
        o.put("target", target);
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
