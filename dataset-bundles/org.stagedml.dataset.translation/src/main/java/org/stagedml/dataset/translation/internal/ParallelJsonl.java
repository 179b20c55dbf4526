package org.stagedml.dataset.translation.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.Json;

/**
 * Writes one split of the parallel-jsonl layout: a JSON object per line, {@code {"id", "source",
 * "target"}}, UTF-8, non-ASCII as is. Streams through one generator (millions of WMT lines).
 */
final class ParallelJsonl implements AutoCloseable {
    private final JsonGenerator out;
    private long count;

    ParallelJsonl(Path file) throws IOException {
        out = Json.mapper().getFactory().createGenerator(
                new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16));
        // one object per line: no separator of Jackson's between root values, a newline of ours
        out.setRootValueSeparator(null);
        out.setPrettyPrinter(null);
    }

    void write(String id, String source, String target) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", id);
        out.writeStringField("source", source);
        out.writeStringField("target", target);
        out.writeEndObject();
        out.writeRaw('\n');
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
