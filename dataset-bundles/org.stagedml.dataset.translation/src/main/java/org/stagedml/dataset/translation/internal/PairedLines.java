package org.stagedml.dataset.translation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * Two line-aligned text files (line k of one translates line k of the other) read in lockstep, each
 * side stripped; pairs with an empty side are skipped and counted. Different line counts are an error.
 */
final class PairedLines {
    /** Receives pair k (1-based line). */
    interface Sink {
        void pair(long line, String source, String target) throws IOException;
    }

    /** Lines read and pairs skipped. */
    record Result(long lines, long empty) {
    }

    private PairedLines() {
    }

    static Result read(Path source, String sourceName, Path target, String targetName, String what, BooleanSupplier cancelled,
            Sink sink) throws IOException {
        long line = 0;
        long empty = 0;
        try (BufferedReader s = LineFiles.reader(source); BufferedReader t = LineFiles.reader(target)) {
            while (true) {
                String a = readLine(s, sourceName, line + 1, what);
                String b = readLine(t, targetName, line + 1, what);
                if (a == null || b == null) {
                    if (a != null || b != null) {
                        long longer = line + 1 + count(a != null ? s : t);
                        throw new StagedmlException(sourceName + " has " + (a != null ? longer : line) + " lines and "
                                + targetName + " " + (b != null ? longer : line) + "; they are not line-aligned, so not " + what);
                    }
                    return new Result(line, empty);
                }
                line++;
                if (line % 100_000 == 0 && cancelled.getAsBoolean()) {
                    throw new CancelledException("cancelled while reading " + sourceName);
                }
                a = a.strip();
                b = b.strip();
                if (a.isEmpty() || b.isEmpty()) {
                    empty++;
                } else {
                    sink.pair(line, a, b);
                }
            }
        }
    }

    private static String readLine(BufferedReader r, String name, long line, String what) throws IOException {
        try {
            return r.readLine();
        } catch (CharacterCodingException e) {
            throw LineFiles.notUtf8(name, line, what);
        }
    }

    private static long count(BufferedReader r) throws IOException {
        long n = 0;
        while (r.readLine() != null) {
            n++;
        }
        return n;
    }
}
