package org.stagedml.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.GcReport;
import org.stagedml.api.store.PendingRealization;

/**
 * Not a timed test: prints a table. Run with {@code mvn -B -P benchmarks test} in this module.
 * The cost of fsync: {@value #DURABLE_COMMITS} commits with fsync on and off, alternating rounds on
 * the same filesystem. Then 10,000 small realizations (100 derivations x 100, fsync off, as a
 * scratch store): commit, list, GC; then output hashing of a 1 GiB file beside {@code sha256sum}
 * on the same file.
 */
@Tag("benchmark")
class StoreBenchmarkTest {
    private static final int DERIVATIONS = 100;
    private static final int PER_DERIVATION = 100;
    private static final long GIB = 1L << 30;
    private static final int DURABLE_COMMITS = 2_000;
    private static final int ROUNDS = 4;

    @TempDir
    Path tmp;

    private final List<String[]> rows = new ArrayList<>();

    private void row(String what, long count, long nanos, String extra) {
        double ms = nanos / 1e6;
        rows.add(new String[] {what, Long.toString(count), String.format("%.0f", ms),
                count > 0 ? String.format("%.0f", count / (nanos / 1e9)) : "", extra});
    }

    /** Commits {@code count} small realizations (10 per derivation) into a new store; returns the nanoseconds. */
    private long commits(Path root, boolean fsync, int count) throws Exception {
        FileStore store = new FileStore(root, StoreOptions.DEFAULTS.withFsync(fsync));
        long t0 = System.nanoTime();
        DRef dref = null;
        for (int i = 0; i < count; i++) {
            if (i % 10 == 0) {
                dref = store.addDerivation(StoreFixtures.derivation("durable", "{\"d\":" + i + "}"));
            }
            try (PendingRealization p = store.begin(dref)) {
                Files.writeString(p.out().resolve("out.txt"), Integer.toString(i));
                Files.writeString(p.out().resolve("metrics.json"), "{\"i\":" + i + "}");
                p.commit(Map.of(), List.of("out.txt"), StoreFixtures.meta());
            }
        }
        return System.nanoTime() - t0;
    }

    @Test
    void table() throws Exception {
        long[] nanos = new long[2]; // off, on
        for (int round = 0; round < ROUNDS; round++) { // alternating, so that a busy moment hits both
            for (int on = 0; on < 2; on++) {
                nanos[on] += commits(tmp.resolve("durable-" + round + "-" + on), on == 1, DURABLE_COMMITS / ROUNDS);
            }
        }
        row("commit, fsync off (1 derivation per 10)", DURABLE_COMMITS, nanos[0], "");
        row("commit, fsync on (1 derivation per 10)", DURABLE_COMMITS, nanos[1],
                String.format("%.1fx the time", (double) nanos[1] / nanos[0]));

        FileStore store = new FileStore(tmp.resolve("store"), StoreOptions.DEFAULTS.withFsync(false));
        List<DRef> drefs = new ArrayList<>();
        List<RRef> rrefs = new ArrayList<>();

        long t0 = System.nanoTime();
        for (int d = 0; d < DERIVATIONS; d++) {
            DRef dref = store.addDerivation(StoreFixtures.derivation("bench", "{\"d\":" + d + "}"));
            drefs.add(dref);
            for (int i = 0; i < PER_DERIVATION; i++) {
                try (PendingRealization p = store.begin(dref)) {
                    Files.writeString(p.out().resolve("out.txt"), d + "/" + i);
                    Files.writeString(p.out().resolve("metrics.json"), "{\"i\":" + i + "}");
                    rrefs.add(p.commit(Map.of(), List.of("out.txt"), StoreFixtures.meta()));
                }
            }
        }
        row("commit (begin+write 2 files+commit), fsync off", rrefs.size(), System.nanoTime() - t0, "");

        FileStore fresh = new FileStore(store.root()); // no caches
        t0 = System.nanoTime();
        int listed = 0;
        for (DRef d : fresh.derivations()) {
            listed += fresh.realizations(d).size();
        }
        row("list all realizations with metadata (cold)", listed, System.nanoTime() - t0, "");
        t0 = System.nanoTime();
        listed = fresh.realizationsOf("bench").size();
        row("realizationsOf(stage) (warm)", listed, System.nanoTime() - t0, "");

        for (int d = 0; d < DERIVATIONS / 2; d++) {
            store.addRoot("keep" + d, drefs.get(d));
        }
        t0 = System.nanoTime();
        GcReport dry = new FileStore(store.root()).gc(true);
        row("gc dry run (half rooted)", dry.removed().size(), System.nanoTime() - t0, dry.bytes() + " bytes");
        t0 = System.nanoTime();
        GcReport real = new FileStore(store.root()).gc(false);
        row("gc (removes the other half)", real.removed().size(), System.nanoTime() - t0, real.kept() + " kept");
        t0 = System.nanoTime();
        var report = new FileStore(store.root()).verify(List.of());
        row("verify all (cold)", report.checked(), System.nanoTime() - t0, report.ok() ? "ok" : "PROBLEMS");

        Path big = tmp.resolve("big.bin");
        writeBigFile(big);
        long mib = GIB >> 20;
        TreeHasher.digest(big, new byte[1 << 20]); // warm the page cache and the JIT
        t0 = System.nanoTime();
        String javaHash = TreeHasher.digest(big, new byte[1 << 20]);
        long javaNanos = System.nanoTime() - t0;
        sha256sum(big); // the same warm page cache for the tool
        t0 = System.nanoTime();
        String out = sha256sum(big);
        long toolNanos = System.nanoTime() - t0;
        String same = out.startsWith(javaHash) ? "same digest" : "DIFFERENT: " + out.trim();
        rows.add(new String[] {"hash 1 GiB file (store hasher)", "1", String.format("%.0f", javaNanos / 1e6),
                String.format("%.0f MiB/s", mib / (javaNanos / 1e9)), same});
        rows.add(new String[] {"hash 1 GiB file (sha256sum)", "1", String.format("%.0f", toolNanos / 1e6),
                String.format("%.0f MiB/s", mib / (toolNanos / 1e9)), ""});

        System.out.println();
        System.out.printf("%-45s %8s %10s %12s  %s%n", "operation", "count", "ms", "per second", "notes");
        for (String[] r : rows) {
            System.out.printf("%-45s %8s %10s %12s  %s%n", (Object[]) r);
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, store on " + Files.getFileStore(tmp).type());
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void writeBigFile(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < GIB; written += block.length) {
                block[0]++; // no two blocks alike
                out.write(block);
            }
        }
    }
}
