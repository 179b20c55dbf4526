package org.stagedml.dataset.subword.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The vocab.subwords file as tensor2tensor's store_to_file writes it: UTF-8, one subtoken per line
 * in single quotes, line k is id k. Reading also takes unquoted and double-quoted lines, as the
 * reference does.
 */
public final class SubwordsFile {
    private SubwordsFile() {
    }

    public static void write(Path file, List<String> subtokens) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String s : subtokens) {
            out.append('\'').append(s).append("'\n");
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** @throws IOException when the file is missing or is not UTF-8, naming the file */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no subword vocabulary at " + file + " (expected a vocab.subwords file)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text: " + e.getMessage(), e);
        }
        List<String> subtokens = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (s.length() >= 2 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")))) {
                s = s.substring(1, s.length() - 1);
            }
            subtokens.add(s);
        }
        // The file ends in a newline: the piece after it is not a line.
        if (!subtokens.isEmpty() && subtokens.get(subtokens.size() - 1).isEmpty() && text.endsWith("\n")) {
            subtokens.remove(subtokens.size() - 1);
        }
        return subtokens;
    }
}
