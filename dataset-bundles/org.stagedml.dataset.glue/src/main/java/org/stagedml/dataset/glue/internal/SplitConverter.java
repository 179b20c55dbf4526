package org.stagedml.dataset.glue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * Converts one GLUE TSV file of a task into its normalized JSON lines. The id of an example is the
 * file's {@code index} column (QQP: {@code id}) where it has one, else the row's 0-based position:
 * for test files that is the id GLUE's submission format asks for. Rows of the wrong width or with
 * an unknown label are skipped and counted; more than 1% of them means the file is not GLUE's.
 */
final class SplitConverter {
    /** What a conversion gave: examples written, malformed rows skipped, examples without a gold label dropped. */
    record Result(long written, long skipped, long dropped) {
        Result(long written, long skipped) {
            this(written, skipped, 0);
        }
    }

    private final GlueTask task;
    private final BooleanSupplier cancelled;

    SplitConverter(GlueTask task, BooleanSupplier cancelled) {
        this.task = task;
        this.cancelled = cancelled;
    }

    Result convert(String split, String file, InputStream in, Path target, java.util.function.Consumer<String> log)
            throws IOException {
        boolean labelled = task.labelled(split);
        String where = task.name() + " " + file;
        try (Tsv tsv = new Tsv(in); JsonlWriter out = new JsonlWriter(target)) {
            List<String> header;
            if (task.headerless(split)) {
                header = GlueTask.COLA_COLUMNS;
            } else {
                String h = tsv.line();
                if (h == null) {
                    throw new StagedmlException(where + " is empty; the archive is not GLUE's " + task.name() + " zip");
                }
                header = Arrays.asList(Tsv.fields(h));
            }
            int s1 = column(header, task.sentence1(), where);
            int s2 = task.pair() ? column(header, task.sentence2(), where) : -1;
            int label = labelled ? column(header, task.label(), where) : -1;
            int index = header.indexOf("index") >= 0 ? header.indexOf("index") : header.indexOf("id");
            long position = 0;
            long skipped = 0;
            String line;
            while ((line = tsv.line()) != null) {
                long row = position++;
                if ((row & 0x3fff) == 0 && cancelled.getAsBoolean()) {
                    throw new CancelledException("converting " + where + " cancelled");
                }
                String[] f = Tsv.fields(line);
                if (f.length != header.size()) {
                    skipped++;
                    log.accept(where + ": row " + row + " has " + f.length + " fields, expected " + header.size()
                            + "; skipped");
                    continue;
                }
                Object value = null;
                if (label >= 0) {
                    value = label(f[label]);
                    if (value == null) {
                        skipped++;
                        log.accept(where + ": row " + row + " has label '" + f[label] + "', not one of "
                                + (task.regression() ? "a number" : task.labels()) + "; skipped");
                        continue;
                    }
                }
                long id = row;
                if (index >= 0) {
                    try {
                        id = Long.parseLong(f[index].trim());
                    } catch (NumberFormatException e) {
                        id = row;
                    }
                }
                out.write(id, f[s1], s2 >= 0 ? f[s2] : null, value);
            }
            if (skipped > 0 && skipped * 100 > position) {
                throw new StagedmlException(where + ": " + skipped + " of " + position + " rows are malformed;"
                        + " this is not the published GLUE file");
            }
            return new Result(out.count(), skipped);
        }
    }

    /** The label as written in the output: the file's string, or the STS-B score as a number; null if invalid. */
    private Object label(String raw) {
        String v = raw.trim();
        if (task.regression()) {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return task.labels().contains(v) ? v : null;
    }

    private static int column(List<String> header, String name, String where) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new StagedmlException(where + " has no column '" + name + "' (its header is " + header
                    + "); the archive is not the published GLUE zip");
        }
        return i;
    }
}
