package org.stagedml.dataset.owndata.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.StagedmlException;

/** Reads a whole file as UTF-8, refusing bytes that are not UTF-8 with the file and line named. */
final class StrictText {
    private StrictText() {
    }

    static String read(Path file, String shownAs) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new StagedmlException(shownAs + " line " + line + ": not UTF-8 (byte 0x"
                    + Integer.toHexString(bytes[in.position()] & 0xff) + " at offset " + in.position()
                    + "); save the file as UTF-8");
        }
        d.flush(out);
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s; // a byte order mark is no text
    }
}
