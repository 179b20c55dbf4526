package org.stagedml.dataset.glue.internal;

import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.StagedmlException;

/**
 * CSV records as pandas' read_csv takes RuSentiment's files: comma-separated, a field in double
 * quotes may hold commas, line breaks and doubled quotes; lines with nothing on them are no record.
 * Each record remembers the line it starts on, for error messages.
 */
final class Csv {
    /** One record and its first line (1-based). */
    record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    static List<Record> parse(String text, String file) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new StagedmlException(file + " line " + quoteLine + ": a quoted field is never closed");
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        line += q == '\n' ? 1 : 0;
                        field.append(q);
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                // a quoted field ends at a comma or the end of the line
                if (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    throw new StagedmlException(file + " line " + line + ": text after the closing quote of a field");
                }
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    if (i >= n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                        fields.add("");
                    }
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                i++;
                if (i >= n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                    fields.add("");
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                if (field.length() > 0) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
                if (!fields.isEmpty()) {
                    records.add(new Record(recordLine, List.copyOf(fields)));
                    fields.clear();
                }
                line++;
                recordLine = line;
                continue;
            }
            field.append(c);
            i++;
        }
        if (field.length() > 0) {
            fields.add(field.toString());
        }
        if (!fields.isEmpty()) {
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
