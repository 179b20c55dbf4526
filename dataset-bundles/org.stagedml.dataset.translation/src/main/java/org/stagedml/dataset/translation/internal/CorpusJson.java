package org.stagedml.dataset.translation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.stagedml.api.Json;

/**
 * {@code corpus.json} of the parallel-jsonl layout: {@code corpus}, {@code source_language},
 * {@code target_language}, {@code counts} (split -> pairs), plus what a stage adds (its sources,
 * how many pairs normalization skipped).
 */
final class CorpusJson {
    static final String FILE = "corpus.json";

    private CorpusJson() {
    }

    static ObjectNode of(String corpus, String source, String target, Map<String, Long> counts) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("corpus", corpus);
        o.put("source_language", source);
        o.put("target_language", target);
        ObjectNode c = o.putObject("counts");
        counts.forEach(c::put);
        return o;
    }

    static void write(Path out, ObjectNode o) throws IOException {
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(FILE).toFile(), o);
    }
}
