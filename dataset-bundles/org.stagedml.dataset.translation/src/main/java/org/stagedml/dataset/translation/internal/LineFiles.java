package org.stagedml.dataset.translation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.StagedmlException;

/** Reading the published text files: strict UTF-8 (a wrong file is named, not decoded into garbage). */
final class LineFiles {
    private LineFiles() {
    }

    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    static BufferedReader reader(Path file) throws IOException {
        return reader(Files.newInputStream(file));
    }

    /** All lines of a small file. */
    static List<String> read(Path file, String what) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = reader(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(file.getFileName().toString(), lines.size() + 1, what);
        }
        return lines;
    }

    static StagedmlException notUtf8(String file, long line, String what) {
        return new StagedmlException(file + " is not UTF-8 text (line " + line + "); it is not " + what);
    }
}
