package org.stagedml.dataset.subword;

import java.util.List;
import java.util.Random;

/**
 * Speed of building and encoding (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes org.stagedml.dataset.subword.SubwordTokenizerBenchmark}.
 * Prints build time for generated English-like sentences, encode throughput on the same kind of text
 * and on random Unicode.
 */
public final class SubwordTokenizerBenchmark {
    private SubwordTokenizerBenchmark() {
    }

    public static void main(String[] args) {
        int sentences = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int target = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> corpus = RandomText.words(new Random(1), sentences);
        long t0 = System.nanoTime();
        SubwordTokenizer tokenizer = SubwordTokenizer.build(corpus, target, List.of());
        long t1 = System.nanoTime();
        System.out.printf("build: %d sentences, target %d -> size %d in %.2f s%n", sentences, target, tokenizer.size(),
                (t1 - t0) / 1e9);
        encode("words", tokenizer, RandomText.words(new Random(2), 20000));
        Random random = new Random(3);
        List<String> unicode = new java.util.ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            unicode.add(RandomText.anyString(random, 1 + random.nextInt(60)));
        }
        encode("random unicode", tokenizer, unicode);
    }

    private static void encode(String what, SubwordTokenizer tokenizer, List<String> texts) {
        long chars = texts.stream().mapToLong(String::length).sum();
        for (int round = 0; round < 3; round++) {
            long ids = 0;
            long t0 = System.nanoTime();
            for (String text : texts) {
                ids += tokenizer.encode(text).length;
            }
            long t1 = System.nanoTime();
            for (String text : texts) {
                tokenizer.decode(tokenizer.encode(text));
            }
            long t2 = System.nanoTime();
            System.out.printf("%s: encode %.1f MB chars/s (%d texts, %d ids), encode+decode %.1f k texts/s%n", what,
                    chars / ((t1 - t0) / 1e3), texts.size(), ids, texts.size() / ((t2 - t1) / 1e6));
        }
    }
}
