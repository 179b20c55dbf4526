package org.stagedml.dataset.owndata.internal;

import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.StagedmlException;

/**
 * Splits delimited text into records. CSV follows RFC 4180 (quoted fields may hold the separator,
 * doubled quotes and line breaks); TSV is one record per line, split at tabs, no quoting (GLUE's
 * files). Blank lines are skipped. Each record keeps the line it starts on, for error messages.
 */
final class Delimited {
    record Row(int line, List<String> cells) {
    }

    private Delimited() {
    }

    static List<Row> tsv(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(new Row(i + 1, List.of(lines[i].split("\t", -1))));
            }
        }
        return rows;
    }

    static List<Row> csv(String text, String shownAs) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean any = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any) {
                    cells.add(cell.toString());
                    rows.add(new Row(start, List.copyOf(cells)));
                }
                cells.clear();
                cell.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                cell.append(c);
                any |= !Character.isWhitespace(c);
            }
        }
        if (quoted) {
            throw new StagedmlException(shownAs + " line " + start + ": a quoted field is never closed (a '\"' is missing)");
        }
        if (any) {
            cells.add(cell.toString());
            rows.add(new Row(start, List.copyOf(cells)));
        }
        return rows;
    }
}
