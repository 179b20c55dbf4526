package org.stagedml.dataset.bert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.StagedmlException;

/**
 * A BERT vocabulary ({@code vocab.txt}): one token per line, its id the 0-based line number, read
 * like {@code tokenization.load_vocab}: lines split on \n, each stripped of (Python) whitespace; a
 * token listed twice keeps its last line's id. Immutable and thread-safe.
 */
public final class Vocabulary {
    private final Map<String, Integer> ids;
    private final Map<Integer, String> tokens;
    private final int lines;

    private Vocabulary(Map<String, Integer> ids, int lines) {
        this.ids = ids;
        this.lines = lines;
        Map<Integer, String> inv = new HashMap<>();
        ids.forEach((t, i) -> inv.put(i, t));
        this.tokens = inv;
    }

    /** Reads a vocab.txt (UTF-8). */
    public static Vocabulary load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StagedmlException("vocabulary " + file + " is not valid UTF-8; give a BERT vocab.txt");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return of(lines);
    }

    /** A vocabulary of these tokens, ids in list order (each stripped as a vocab.txt line would be). */
    public static Vocabulary of(List<String> tokens) {
        Map<String, Integer> ids = new HashMap<>();
        int index = 0;
        for (String line : tokens) {
            ids.put(PythonText.strip(line), index++);
        }
        return new Vocabulary(ids, index);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of a token; IllegalArgumentException when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    /** The token of an id; IllegalArgumentException when no token has it. */
    public String token(int id) {
        String t = tokens.get(id);
        if (t == null) {
            throw new IllegalArgumentException("id " + id + " is not in the vocabulary");
        }
        return t;
    }

    /** The number of lines read, i.e. the vocab_size a model needs (ids are 0 .. size-1). */
    public int size() {
        return lines;
    }

    /** The distinct tokens. */
    public Map<String, Integer> asMap() {
        return Collections.unmodifiableMap(ids);
    }
}
