package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares with the output of BERT's reference tokenizer on 711 chosen and 4000 random texts (see
 * src/test/resources/tokenizer/README.md): every token of every text must be the same.
 */
class GoldenTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void matchesTheReferenceTokenizerOnEveryGoldenText() throws Exception {
        Path vocabFile = dir.resolve("vocab.txt");
        try (InputStream in = getClass().getResourceAsStream("/tokenizer/golden-vocab.txt")) {
            Files.copy(in, vocabFile);
        }
        FullTokenizer lower = new FullTokenizer(vocabFile, true);
        FullTokenizer cased = new FullTokenizer(vocabFile, false);
        BasicTokenizer basicLower = new BasicTokenizer(true);
        BasicTokenizer basicCased = new BasicTokenizer(false);
        ObjectMapper json = new ObjectMapper();
        int cases = 0;
        List<String> failures = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(getClass().getResourceAsStream("/tokenizer/golden.jsonl.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode c = json.readTree(line);
                String text = c.get("text").textValue();
                check(failures, text, "basic_lower", c, basicLower.tokenize(text));
                check(failures, text, "basic_cased", c, basicCased.tokenize(text));
                check(failures, text, "full_lower", c, lower.tokenize(text));
                check(failures, text, "full_cased", c, cased.tokenize(text));
                cases++;
            }
        }
        assertEquals(711, cases);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first: " + failures.subList(0, Math.min(5, failures.size())));
    }

    @Test
    void matchesTheReferenceTokenizerOnRandomTextsOverAllOfUnicode() throws Exception {
        Path vocabFile = dir.resolve("fuzz-vocab.txt");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/tokenizer/fuzz-vocab.txt.gz"))) {
            Files.copy(in, vocabFile);
        }
        FullTokenizer lower = new FullTokenizer(vocabFile, true);
        FullTokenizer cased = new FullTokenizer(vocabFile, false);
        ObjectMapper json = new ObjectMapper();
        int cases = 0;
        List<String> failures = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(getClass().getResourceAsStream("/tokenizer/fuzz.jsonl.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode c = json.readTree(line);
                String text = c.get("text").textValue();
                check(failures, text, "full_lower", c, lower.tokenize(text));
                check(failures, text, "full_cased", c, cased.tokenize(text));
                cases++;
            }
        }
        assertEquals(4000, cases);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first: " + failures.subList(0, Math.min(5, failures.size())));
    }

    private static void check(List<String> failures, String text, String field, JsonNode c, List<String> got) {
        List<String> want = new ArrayList<>();
        c.get(field).forEach(n -> want.add(n.textValue()));
        if (!want.equals(got)) {
            failures.add(field + " of " + escape(text) + ": want " + escape(want.toString()) + " got " + escape(got.toString()));
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) {
                b.append(String.format("\\u{%X}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
