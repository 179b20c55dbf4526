package org.stagedml.dataset.wiki.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.stagedml.api.StagedmlException;

/**
 * Reads a file line by line as strict UTF-8, streaming: bytes that are not UTF-8 are an error naming the
 * file, the line and the byte offset. Lines end at {@code \n} (a {@code \r} before it is dropped); a
 * byte order mark at the start is no text.
 */
final class Utf8Lines implements AutoCloseable {
    private final InputStream in;
    private final String shownAs;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private long number;
    private long offset;

    Utf8Lines(Path file, String shownAs) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.shownAs = shownAs;
    }

    /** The line number of the line {@link #next()} returned last (1-based). */
    long number() {
        return number;
    }

    /** The next line without its end, or null at the end of the file. */
    String next() throws IOException {
        int n = 0;
        long start = offset;
        int b;
        while ((b = in.read()) >= 0) {
            offset++;
            if (b == '\n') {
                break;
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, n * 2);
            }
            line[n++] = (byte) b;
        }
        if (b < 0 && n == 0) {
            return null;
        }
        number++;
        int from = 0;
        if (number == 1 && n >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
            from = 3;
        }
        int to = n > from && line[n - 1] == '\r' ? n - 1 : n;
        ByteBuffer bytes = ByteBuffer.wrap(line, from, to - from);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            int at = bytes.position();
            throw new StagedmlException(shownAs + " line " + number + ": not UTF-8 (byte 0x"
                    + Integer.toHexString(line[at] & 0xff) + " at offset " + (start + at) + " of the file); save it as UTF-8");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
