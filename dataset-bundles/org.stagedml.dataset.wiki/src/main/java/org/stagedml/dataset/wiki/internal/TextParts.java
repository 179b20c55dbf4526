package org.stagedml.dataset.wiki.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * Writes the text-lines layout ({@link org.stagedml.api.stage.DataLayouts#TEXT_LINES}): documents into
 * {@code text/part-00000.txt}, {@code part-00001.txt} ..., one sentence per line and a blank line after
 * each document (so a document never runs on into the next file: BERT's reader carries documents across
 * files), a new part starting at a document boundary once the current one holds {@code maxPartBytes};
 * then {@code corpus.json}.
 */
final class TextParts implements AutoCloseable {
    static final String FOLDER = "text";
    static final String FIRST = FOLDER + "/part-00000.txt";
    static final String INFO = "corpus.json";
    /** What a stage writing this layout promises. */
    static final List<String> OUTPUTS = List.of(INFO, FIRST);
    static final String PART_MB = "part_mb";
    static final FieldSpec PART_MB_FIELD = FieldSpec.integer(PART_MB, 64, "start a new text/part-NNNNN.txt after this many MiB");

    private final Path folder;
    private final long maxPartBytes;
    private Writer writer;
    private long partBytes;
    private int files;
    private long documents;
    private long sentences;

    TextParts(Path out, long maxPartBytes) throws IOException {
        this.folder = Files.createDirectories(out.resolve(FOLDER));
        this.maxPartBytes = maxPartBytes;
    }

    /** Checks a stage's {@code part_mb}; ConfigException naming the stage. */
    static void checkPartMb(String stage, Config c) {
        if (c.getLong(PART_MB) < 1) {
            throw new ConfigException("stage '" + stage + "': " + PART_MB + " must be at least 1, got " + c.getLong(PART_MB));
        }
    }

    /** The parts of a stage's output, {@code part_mb} from its config. */
    static TextParts open(String stage, Path out, Config c) throws IOException {
        checkPartMb(stage, c);
        return new TextParts(out, c.getLong(PART_MB) << 20);
    }

    /** Writes one document (its sentences: non-empty, no line breaks); an empty one is skipped. */
    void document(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        if (writer == null || partBytes >= maxPartBytes) {
            if (writer != null) {
                writer.close();
            }
            writer = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(folder.resolve(String.format("part-%05d.txt", files))), StandardCharsets.UTF_8), 1 << 16);
            files++;
            partBytes = 0;
        }
        for (String s : lines) {
            writer.write(s);
            writer.write('\n');
            partBytes += utf8Length(s) + 1;
        }
        writer.write('\n');
        partBytes++;
        documents++;
        sentences += lines.size();
    }

    long documents() {
        return documents;
    }

    long sentences() {
        return sentences;
    }

    /**
     * Closes the last part and writes {@code corpus.json} ({@code language}, {@code documents},
     * {@code sentences}, {@code files}, plus {@code extra}'s fields); when no document was written, an
     * error saying that {@code what} gave no text and {@code hint}.
     */
    void finish(Path out, String language, ObjectNode extra, String what, String hint) throws IOException {
        close();
        if (documents == 0) {
            throw new StagedmlException(what + " gave no text: " + hint);
        }
        ObjectNode info = Json.mapper().createObjectNode();
        info.put("language", language);
        info.put("documents", documents);
        info.put("sentences", sentences);
        info.put("files", files);
        info.setAll(extra);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(INFO).toFile(), info);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
