package org.stagedml.dataset.bert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer and TFRecord throughput; prints a table. Run with {@code mvn -B -P benchmarks test}. */
@Tag("benchmark")
class TokenizerBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void throughput() throws Exception {
        Path vocabFile = dir.resolve("vocab.txt");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/tokenizer/fuzz-vocab.txt.gz"))) {
            Files.copy(in, vocabFile);
        }
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(getClass().getResourceAsStream("/tokenizer/fuzz.jsonl.gz")), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                texts.add(json.readTree(line).get("text").textValue());
            }
        }
        // English-like text as well: GLUE sentences are mostly ASCII
        String english = "The quick brown fox, who wasn't at all tired, jumped over 13 lazy dogs near the river-bank. ";
        List<String> englishTexts = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            englishTexts.add(english.substring(i % 20) + english.substring(0, i % 37));
        }
        System.out.printf("%-36s %10s %12s %12s%n", "case", "texts", "ms", "MB/s (UTF-16)");
        run("random Unicode", texts, vocabFile);
        run("English", englishTexts, vocabFile);
        Path golden = dir.resolve("golden-vocab.txt");
        try (InputStream in = getClass().getResourceAsStream("/tokenizer/golden-vocab.txt")) {
            Files.copy(in, golden);
        }
        InputEncoder enc = new InputEncoder(new FullTokenizer(golden, true), 128);
        byte[] example = enc.encode(english, english, 1, true).toExample(false);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int n = 200_000;
        try (TfRecordWriter w = new TfRecordWriter(sink)) {
            for (int i = 0; i < n; i++) {
                w.write(example);
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("%-36s %10d %12.1f %12.2f   (%d-byte records)%n", "TfRecordWriter (in memory)", n, ms,
                sink.size() / 1e6 / (ms / 1e3), example.length);
    }

    private static void run(String name, List<String> texts, Path vocabFile) throws Exception {
        long chars = texts.stream().mapToLong(String::length).sum();
        for (boolean lower : new boolean[] {true, false}) {
            FullTokenizer t = new FullTokenizer(vocabFile, lower);
            for (int warm = 0; warm < 3; warm++) {
                texts.forEach(t::tokenize);
            }
            long start = System.nanoTime();
            int reps = 5;
            long tokens = 0;
            for (int rep = 0; rep < reps; rep++) {
                for (String s : texts) {
                    tokens += t.tokenize(s).size();
                }
            }
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("%-36s %10d %12.1f %12.2f   (%d tokens)%n", name + ", lower=" + lower,
                    texts.size() * reps, ms, chars * reps * 2 / 1e6 / (ms / 1e3), tokens);
        }
    }
}
