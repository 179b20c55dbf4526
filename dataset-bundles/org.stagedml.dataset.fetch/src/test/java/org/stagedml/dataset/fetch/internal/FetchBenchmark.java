package org.stagedml.dataset.fetch.internal;

import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.FolderBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throughput of fetchurl over loopback (plain and with broken connections) and of the unpacker. Prints a table. */
@Tag("benchmark")
class FetchBenchmark {
    @TempDir
    Path tmp;

    @Test
    void throughput() throws Exception {
        byte[] blob = new byte[64 << 20];
        new Random(1).nextBytes(blob);
        String sum = Archives.sha256(blob);
        FetchUrlStage stage = new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 5,
                Duration.ofMillis(1)));
        System.out.println("| case | MiB | seconds | MiB/s |");
        System.out.println("|---|---|---|---|");
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
            for (int round = 0; round < 3; round++) {
                int cuts = round == 2 ? 3 : 0;
                r.cuts.set(cuts);
                r.cutAt = blob.length / 2;
                Path out = Files.createDirectories(tmp.resolve("out" + round));
                long t0 = System.nanoTime();
                FolderBuildContext b = new FolderBuildContext(stage, Map.of("url", server.url("/blob.bin"), "sha256", sum), out);
                stage.build(b);
                double s = (System.nanoTime() - t0) / 1e9;
                row((round == 0 ? "fetchurl (warm-up)" : cuts > 0 ? "fetchurl, 3 broken connections" : "fetchurl")
                        + " + sha256", 64, s);
            }
        }
        StringBuilder files = new StringBuilder();
        String[] entries = new String[4000];
        Random rnd = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] content = new byte[8192];
            rnd.nextBytes(content);
            entries[2 * i] = "d" + (i % 20) + "/f" + i + ".txt";
            entries[2 * i + 1] = java.util.Base64.getEncoder().encodeToString(content);
        }
        byte[] tgz = Archives.gzip(Archives.tar(entries));
        byte[] zip = Archives.zip(entries);
        for (Object[] c : new Object[][] {{"a.tar.gz", tgz}, {"a.zip", zip}}) {
            Path file = Files.write(tmp.resolve((String) c[0]), (byte[]) c[1]);
            Path dest = Files.createDirectories(tmp.resolve("u-" + c[0]));
            long t0 = System.nanoTime();
            long n = new Unpacker().unpack(file, (String) c[0], dest);
            double s = (System.nanoTime() - t0) / 1e9;
            row("unpack " + c[0] + " (" + n + " files)", 2000 * 10924 / 1048576.0, s);
        }
    }

    private static void row(String name, double mib, double s) {
        System.out.printf("| %s | %.1f | %.2f | %.0f |%n", name, mib, s, mib / s);
    }
}
