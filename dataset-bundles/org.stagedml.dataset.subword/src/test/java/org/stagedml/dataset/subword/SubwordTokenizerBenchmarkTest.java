package org.stagedml.dataset.subword;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Build time and encode/decode throughput of the subword tokenizer on generated English-like text
 * and on random Unicode; prints a table. Run with
 * {@code mvn -B -P benchmarks test -pl dataset-bundles/org.stagedml.dataset.subword}.
 */
@Tag("benchmark")
class SubwordTokenizerBenchmarkTest {
    @Test
    void throughput() {
        System.out.printf("%-28s %8s %8s %10s%n", "build (sentences, target)", "size", "seconds", "");
        SubwordTokenizer tokenizer = null;
        for (int[] run : new int[][] {{5000, 1000}, {20000, 4000}}) {
            List<String> corpus = RandomText.words(new Random(1), run[0]);
            long t0 = System.nanoTime();
            tokenizer = SubwordTokenizer.build(corpus, run[1], List.of());
            System.out.printf("%-28s %8d %8.2f%n", run[0] + ", " + run[1], tokenizer.size(), (System.nanoTime() - t0) / 1e9);
        }
        Random random = new Random(3);
        List<String> unicode = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            unicode.add(RandomText.anyString(random, 1 + random.nextInt(60)));
        }
        System.out.printf("%-28s %8s %14s %16s%n", "encode", "texts", "M chars/s", "k texts/s (enc+dec)");
        for (int round = 0; round < 3; round++) {
            encode("English-like", tokenizer, RandomText.words(new Random(2), 20000));
            encode("random Unicode", tokenizer, unicode);
        }
    }

    private static void encode(String what, SubwordTokenizer tokenizer, List<String> texts) {
        long chars = texts.stream().mapToLong(String::length).sum();
        long t0 = System.nanoTime();
        long ids = 0;
        for (String text : texts) {
            ids += tokenizer.encode(text).length;
        }
        long t1 = System.nanoTime();
        for (String text : texts) {
            if (!tokenizer.decode(tokenizer.encode(text)).equals(text)) {
                throw new AssertionError("round trip failed");
            }
        }
        long t2 = System.nanoTime();
        System.out.printf("%-28s %8d %14.2f %16.1f   (%d ids)%n", what, texts.size(), chars / ((t1 - t0) / 1e3),
                texts.size() / ((t2 - t1) / 1e6), ids);
    }
}
