package org.stagedml.dataset.wiki.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.MediaWikiExport;

/**
 * Throughput of wikitext on a generated dump (the test dump's articles repeated with numbered titles),
 * against reading the pages alone: where the time goes (bzip2, XML, markup and sentences). Prints a table.
 * {@code mvn -B -P benchmarks -pl dataset-bundles/org.stagedml.dataset.wiki test}
 */
@Tag("benchmark")
class WikiTextBenchmark {
    @TempDir
    Path tmp;

    @Test
    void throughput() throws Exception {
        List<MediaWikiExport.Page> pages = new ArrayList<>();
        for (int i = 0; pages.size() < 40_000; i++) {
            for (MediaWikiExport.Page p : DumpFiles.EN) {
                // longer articles, as real ones are: the text five times over
                pages.add(new MediaWikiExport.Page(p.title() + " " + i, p.ns(), p.redirectTo(), (p.text() + "\n\n").repeat(5)));
            }
        }
        byte[] xml = DumpFiles.xml("en", pages);
        Path dump = tmp.resolve("dump/enwiki-pages-articles.xml.bz2");
        Files.createDirectories(dump.getParent());
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(dump))) {
            out.write(xml);
        }
        double mib = xml.length / 1048576.0;
        System.out.println("| case | XML MiB | seconds | XML MiB/s | pages/s |");
        System.out.println("|---|---|---|---|---|");
        Path plain = Files.write(tmp.resolve("plain.xml"), xml);
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            byte[] buf = new byte[1 << 16];
            try (java.io.InputStream in = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
                    new java.io.BufferedInputStream(Files.newInputStream(dump)), true)) {
                while (in.read(buf) > 0) {
                    // decompress only
                }
            }
            row("bzip2 only", mib, System.nanoTime() - t0, pages.size());
            t0 = System.nanoTime();
            int n = 0;
            try (DumpReader r = new DumpReader(plain)) {
                while (r.next() != null) {
                    n++;
                }
            }
            row("read pages of the plain XML (StAX)", mib, System.nanoTime() - t0, n);
            t0 = System.nanoTime();
            n = 0;
            try (DumpReader r = new DumpReader(dump)) {
                while (r.next() != null) {
                    n++;
                }
            }
            row("read pages (bzip2 + StAX)", mib, System.nanoTime() - t0, n);
            WikiTextStage stage = new WikiTextStage();
            Path out = Files.createDirectories(tmp.resolve("out" + round));
            FolderBuildContext b = new FolderBuildContext(stage, Map.of(), out);
            b.dependencyPaths.put("dump", dump.getParent());
            t0 = System.nanoTime();
            stage.build(b);
            row("wikitext build", mib, System.nanoTime() - t0, n);
        }
    }

    private static void row(String what, double mib, long nanos, int pages) {
        double s = nanos / 1e9;
        System.out.printf("| %s | %.1f | %.2f | %.1f | %.0f |%n", what, mib, s, mib / s, pages / s);
    }
}
