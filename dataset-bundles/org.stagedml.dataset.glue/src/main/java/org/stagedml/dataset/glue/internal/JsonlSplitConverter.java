package org.stagedml.dataset.glue.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * Converts one split published as JSON lines (SNLI's snli_1.0_*.jsonl: one object per line with
 * {@code gold_label}, {@code sentence1}, {@code sentence2}, ...) into the normalized JSON lines. The id
 * of an example is its 0-based line. An example whose label is the task's {@link GlueTask#noGoldLabel()}
 * is dropped and counted; a line that is no object, lacks a sentence or has another unknown label is
 * skipped and counted, and more than 1% of those means the file is not the published one.
 */
final class JsonlSplitConverter {
    private final GlueTask task;
    private final BooleanSupplier cancelled;

    JsonlSplitConverter(GlueTask task, BooleanSupplier cancelled) {
        this.task = task;
        this.cancelled = cancelled;
    }

    SplitConverter.Result convert(String split, String file, InputStream in, Path target, Consumer<String> log)
            throws IOException {
        boolean labelled = task.labelled(split);
        String where = task.name() + " " + file;
        try (Tsv lines = new Tsv(in); JsonlWriter out = new JsonlWriter(target)) {
            long position = 0;
            long skipped = 0;
            long dropped = 0;
            String line;
            while ((line = lines.line()) != null) {
                long row = position++;
                if ((row & 0x3fff) == 0 && cancelled.getAsBoolean()) {
                    throw new CancelledException("converting " + where + " cancelled");
                }
                if (line.isBlank()) {
                    position--;
                    continue;
                }
                String problem = null;
                JsonNode o = null;
                try {
                    o = Json.mapper().readTree(line);
                } catch (JsonProcessingException e) {
                    problem = "is not JSON (" + e.getOriginalMessage() + ")";
                }
                String s1 = o == null ? null : text(o, task.sentence1());
                String s2 = o == null || !task.pair() ? null : text(o, task.sentence2());
                String label = o == null || !labelled ? null : text(o, task.label());
                if (problem == null && (s1 == null || task.pair() && s2 == null)) {
                    problem = "lacks '" + task.sentence1() + "'" + (task.pair() ? " or '" + task.sentence2() + "'" : "");
                }
                if (problem == null && labelled && label != null && label.equals(task.noGoldLabel())) {
                    dropped++;
                    continue;
                }
                if (problem == null && labelled && (label == null || !task.labels().contains(label))) {
                    problem = "has " + task.label() + " " + (label == null ? "missing" : "'" + label + "'") + ", not one of "
                            + task.labels();
                }
                if (problem != null) {
                    skipped++;
                    log.accept(where + ": line " + (row + 1) + " " + problem + "; skipped");
                    continue;
                }
                out.write(row, s1, s2, label);
            }
            if (position == 0) {
                throw new StagedmlException(where + " is empty; the archive is not the published " + task.name() + " zip");
            }
            if (skipped > 0 && skipped * 100 > position) {
                throw new StagedmlException(where + ": " + skipped + " of " + position + " lines are malformed;"
                        + " this is not the published " + task.name() + " file");
            }
            return new SplitConverter.Result(out.count(), skipped, dropped);
        }
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.isTextual() ? null : v.textValue();
    }
}
