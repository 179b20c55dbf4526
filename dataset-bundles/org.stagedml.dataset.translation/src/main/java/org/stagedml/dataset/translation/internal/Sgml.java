package org.stagedml.dataset.translation.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stagedml.api.StagedmlException;

/**
 * The segments of a WMT test set in SGML ({@code <srcset>/<refset>}, {@code <doc>}, one
 * {@code <seg id="n">text</seg>} per line), read the way sacreBLEU reads them: the text between the
 * tags, whitespace runs collapsed to one space and stripped, entities left as written (the files are
 * not well-formed XML, so no XML parser).
 */
final class Sgml {
    private static final Pattern SEG = Pattern.compile("<seg[^>]*>(.*)</seg>\\s*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Sgml() {
    }

    static List<String> segments(Path file, String what) throws IOException {
        List<String> lines = LineFiles.read(file, what);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("<seg")) {
                continue;
            }
            Matcher m = SEG.matcher(line);
            if (!m.matches()) {
                throw new StagedmlException(file.getFileName() + " line " + (i + 1) + " opens a <seg> it does not close on"
                        + " the same line; it is not " + what);
            }
            segments.add(SPACE.matcher(m.group(1)).replaceAll(" ").strip());
        }
        if (segments.isEmpty()) {
            throw new StagedmlException(file.getFileName() + " has no <seg> lines; it is not " + what);
        }
        return segments;
    }
}
