package org.stagedml.dataset.bert.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * Reads the text-lines layout ({@code text/*.txt} in name order, one sentence per line, a blank line
 * between documents) into documents of WordPiece id sentences, as create_training_instances reads its
 * input files: a line blank after Python's {@code strip()} ends the document, a line the tokenizer
 * turns into nothing is dropped, empty documents are dropped. Unlike the reference, the end of a file
 * also ends its document (the reference would run the last document of one file into the first of
 * the next when a file does not end with a blank line).
 */
final class TextLinesReader {
    /** Takes each document as it is read. */
    interface Sink {
        void accept(List<int[]> document) throws IOException;
    }

    private TextLinesReader() {
    }

    /** The layout's text files, in name order; a clear error when there are none. */
    static List<Path> files(Path layout) throws IOException {
        Path text = layout.resolve("text");
        if (!Files.isDirectory(text)) {
            throw new StagedmlException("the text dependency " + layout + " has no text/ folder: it must be a stage"
                    + " writing the text-lines layout (text/*.txt), e.g. wikitext or text-corpus");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(text)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p))
                    .sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
        if (files.isEmpty()) {
            throw new StagedmlException("the text dependency " + layout + " has no text/*.txt files; give a corpus with text");
        }
        return files;
    }

    /**
     * Reads every file of the layout, handing each non-empty document to {@code sink}; reports the
     * share of the text read (by characters against file sizes, so about) to {@code progress}.
     */
    static void read(Path layout, FullTokenizer tokenizer, Sink sink, BooleanSupplier cancelled, FeatureWriter.Progress progress)
            throws IOException {
        List<Path> files = files(layout);
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        long chars = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            List<int[]> document = new ArrayList<>();
            long line = 0;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String s = in.readLine(); s != null; s = in.readLine()) {
                    chars += s.length() + 1;
                    if ((++line & 4095) == 0) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancelledException("bert-pretrain-data cancelled while reading " + file.getFileName());
                        }
                        progress.report(Math.min(1, (double) chars / Math.max(1, total)),
                                "tokenizing " + file.getFileName() + " (file " + (f + 1) + " of " + files.size() + ")");
                    }
                    if (isBlank(s)) {
                        flush(document, sink);
                        continue;
                    }
                    List<String> tokens = tokenizer.tokenize(s);
                    if (!tokens.isEmpty()) {
                        document.add(tokenizer.convertTokensToIds(tokens));
                    }
                }
            } catch (CharacterCodingException e) {
                throw new StagedmlException("text file " + file + " is not valid UTF-8 near line " + (line + 1)
                        + "; the text-lines layout is UTF-8");
            }
            flush(document, sink);
        }
    }

    private static void flush(List<int[]> document, Sink sink) throws IOException {
        if (!document.isEmpty()) {
            sink.accept(List.copyOf(document));
            document.clear();
        }
    }

    /** Whether {@code line.strip()} is empty in Python: every character is Python whitespace. */
    static boolean isBlank(String line) {
        return line.codePoints().allMatch(cp -> switch (cp) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                    0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        });
    }
}
