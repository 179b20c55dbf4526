package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.Vocabulary;

/**
 * bert-pretrain-data's throughput on generated text (letters as word pieces, as the synthetic
 * vocabulary splits them), max_seq_length 128, dupe_factor 2; prints one line. Run with
 * {@code mvn -B -P benchmarks test -Dtest=PretrainDataBenchmarkTest}.
 */
@Tag("benchmark")
class PretrainDataBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void throughput() throws Exception {
        Path text = dir.resolve("text");
        GeneratedTextLinesStage.write(text, 4000, 1);
        long bytes = Files.size(text.resolve("text/part-0.txt")) + Files.size(text.resolve("text/part-1.txt"));
        Path vocabFile = dir.resolve("vocab.txt");
        Files.write(vocabFile, SyntheticVocab.ofSize(1024, true));
        FullTokenizer tok = new FullTokenizer(Vocabulary.load(vocabFile), true);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        Path out = Files.createDirectories(dir.resolve("out"));
        ObjectNode data = new PretrainDataWriter(tok, new PretrainSettings(128, 20, 0.15, 0.1, false, 2), 0.02, 1,
                () -> false, (f, m) -> { }, line -> System.out.printf("bert-pretrain-data: %.1f s: %s%n",
                        (System.nanoTime() - start) / 1e9, line)).write(text, vocabFile, out, dir.resolve("work"));
        double s = (System.nanoTime() - start) / 1e9;
        long examples = data.get("counts").get("train").longValue() + data.get("counts").get("dev").longValue();
        long pieces = data.get("word_pieces").longValue();
        System.out.printf("bert-pretrain-data: %.1f MB text, %d word pieces, %d examples in %.1f s: %.0f examples/s,"
                + " %.2f M word pieces/s (x2 dupes); %d bytes per record; heap in use before %d MB, after %d MB%n", bytes / 1e6,
                pieces, examples, s, examples / s, pieces * 2 / s / 1e6,
                Files.size(out.resolve("train.tfrecord")) / data.get("counts").get("train").longValue(), before >> 20,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
