package org.stagedml.dataset.owndata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * Reads labelled texts from a CSV, TSV or JSON lines file: which columns (or keys) hold the text,
 * the optional second text and the label. Every problem is an error naming the file and line.
 */
final class TextTable {
    /** One labelled example and the line it came from. */
    record Example(int line, String text, String text2, String label) {
    }

    /** Where the columns are: names (with a header, or JSON keys) or 0-based numbers (without a header). */
    record Columns(String text, String text2, String label, boolean header) {
    }

    private TextTable() {
    }

    /** The format for {@code auto}: from the file name's extension. */
    static String format(String format, String fileName) {
        if (!format.equals("auto")) {
            return format;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "csv";
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return "tsv";
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
            return "jsonl";
        }
        throw new ConfigException("cannot tell the format of " + fileName + " from its name: give format=csv, tsv or jsonl");
    }

    /**
     * @param labelled whether every row must have a label (train and dev); test rows may lack one
     */
    static List<Example> read(Path file, String shownAs, String format, Columns c, boolean labelled) throws IOException {
        String text = StrictText.read(file, shownAs);
        List<Example> out = format.equals("jsonl") ? json(text, shownAs, c, labelled)
                : delimited(format.equals("csv") ? Delimited.csv(text, shownAs) : Delimited.tsv(text), shownAs, c, labelled);
        if (out.isEmpty()) {
            throw new StagedmlException(shownAs + " holds no examples");
        }
        return out;
    }

    private static List<Example> delimited(List<Delimited.Row> rows, String shownAs, Columns c, boolean labelled) {
        if (rows.isEmpty()) {
            throw new StagedmlException(shownAs + " is empty");
        }
        int width;
        int textCol;
        int text2Col;
        int labelCol;
        int first;
        if (c.header()) {
            List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
            width = header.size();
            textCol = column(header, c.text(), "text", shownAs);
            text2Col = c.text2().isEmpty() ? -1 : column(header, c.text2(), "text2", shownAs);
            labelCol = column(header, c.label(), "label", shownAs);
            first = 1;
        } else {
            width = rows.get(0).cells().size();
            textCol = index(c.text(), "text", width, shownAs);
            text2Col = c.text2().isEmpty() ? -1 : index(c.text2(), "text2", width, shownAs);
            labelCol = index(c.label(), "label", width, shownAs);
            first = 0;
        }
        List<Example> out = new ArrayList<>();
        for (int i = first; i < rows.size(); i++) {
            Delimited.Row r = rows.get(i);
            if (r.cells().size() != width) {
                throw new StagedmlException(shownAs + " line " + r.line() + ": " + r.cells().size() + " columns, but "
                        + (c.header() ? "the header has " : "the first row has ") + width
                        + " (a ragged row: check its quotes and separators)");
            }
            out.add(example(shownAs, r.line(), r.cells().get(textCol), text2Col < 0 ? null : r.cells().get(text2Col),
                    r.cells().get(labelCol), c, labelled));
        }
        return out;
    }

    private static List<Example> json(String text, String shownAs, Columns c, boolean labelled) {
        List<Example> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = Json.mapper().readTree(lines[i]);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new StagedmlException(shownAs + " line " + (i + 1) + ": not a JSON object (" + e.getOriginalMessage() + ")");
            }
            if (o == null || !o.isObject()) {
                throw new StagedmlException(shownAs + " line " + (i + 1) + ": not a JSON object");
            }
            out.add(example(shownAs, i + 1, value(o, c.text()), c.text2().isEmpty() ? null : value(o, c.text2()),
                    value(o, c.label()), c, labelled));
        }
        return out;
    }

    private static String value(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private static Example example(String shownAs, int line, String text, String text2, String label, Columns c,
            boolean labelled) {
        if (text == null || text.isBlank()) {
            throw new StagedmlException(shownAs + " line " + line + ": empty text in '" + c.text() + "'");
        }
        if (text2 != null && text2.isBlank() || text2 == null && !c.text2().isEmpty()) {
            throw new StagedmlException(shownAs + " line " + line + ": empty text in '" + c.text2() + "'");
        }
        String l = label == null ? "" : label.strip();
        if (l.isEmpty() && labelled) {
            throw new StagedmlException(shownAs + " line " + line + ": no label in '" + c.label() + "'");
        }
        return new Example(line, text.strip(), text2 == null ? null : text2.strip(), l.isEmpty() ? null : l);
    }

    private static int column(List<String> header, String name, String field, String shownAs) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new ConfigException(shownAs + " line 1: no column '" + name + "' (config field " + field + ") in the header "
                    + header + "; give " + field + "=<column>, or header=false and column numbers");
        }
        return i;
    }

    private static int index(String number, String field, int width, String shownAs) {
        try {
            int i = Integer.parseInt(number.strip());
            if (i >= 0 && i < width) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(shownAs + ": with header=false, " + field + " must be a column number from 0 to "
                + (width - 1) + ", got '" + number + "'");
    }
}
