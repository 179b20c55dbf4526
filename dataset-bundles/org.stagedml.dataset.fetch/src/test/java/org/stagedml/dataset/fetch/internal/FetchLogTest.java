package org.stagedml.dataset.fetch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;
import org.stagedml.api.StagedmlException;
import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.LoopbackHttpServer;

/**
 * What the fetch stages tell the Log Service: downloads, retries and checksum mismatches reach the
 * bound Logger (here one that records its calls, as the Log Service would receive them); without
 * one, the stages work as before.
 */
class FetchLogTest {
    @TempDir
    Path tmp;

    /** "level: message" for each call, with the {} placeholders filled. */
    private final List<String> records = new CopyOnWriteArrayList<>();

    private Logger recording() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        Object[] values = args.length > 1 && args[1] instanceof Object[] a ? a
                                : Arrays.copyOfRange(args, 1, args.length);
                        String message = format;
                        for (Object v : values) {
                            message = message.replaceFirst("\\{\\}", java.util.regex.Matcher.quoteReplacement(String.valueOf(v)));
                        }
                        records.add(method.getName() + ": " + message);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    private long count(String level, String text) {
        return records.stream().filter(r -> r.startsWith(level + ": ") && r.contains(text)).count();
    }

    @Test
    void downloadsRetriesAndMismatchesAreLogged() throws Exception {
        byte[] blob = new byte[200_000];
        new Random(3).nextBytes(blob);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            LoopbackHttpServer.Resource r = server.serve("/blob.bin", blob);
            r.cuts.set(1);
            r.cutAt = 50_000;
            FetchUrlStage stage = new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
                    Duration.ofMillis(10)));
            stage.logger = recording();
            String url = server.url("/blob.bin");
            Path out = Files.createDirectories(tmp.resolve("ok"));
            stage.build(new FolderBuildContext(stage, Map.of("url", url, "sha256", Archives.sha256(blob)), out));
            assertEquals(1, count("info", "downloading " + url), records.toString());
            assertTrue(count("warn", url) >= 1, "the interrupted download is a warning: " + records);
            assertEquals(1, count("info", "fetched " + url), records.toString());
            assertTrue(count("info", Archives.sha256(blob)) >= 1, records.toString());

            records.clear();
            Path bad = Files.createDirectories(tmp.resolve("bad"));
            assertThrows(StagedmlException.class, () -> stage.build(
                    new FolderBuildContext(stage, Map.of("url", url, "sha256", "0".repeat(64)), bad)));
            assertEquals(1, count("warn", "sha256 mismatch"), records.toString());
            assertEquals(0, count("info", "fetched"), records.toString());
        }
    }

    @Test
    void withoutALogServiceTheStagesWorkAsBefore() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "data");
        FetchLocalStage stage = new FetchLocalStage();
        Path out = Files.createDirectories(tmp.resolve("out"));
        stage.build(new FolderBuildContext(stage, Map.of("path", file.toString(), "insecure", true), out));
        assertEquals("data", Files.readString(out.resolve("f.txt")));
        stage.logger = recording();
        Path again = Files.createDirectories(tmp.resolve("again"));
        stage.build(new FolderBuildContext(stage, Map.of("path", file.toString(), "insecure", true), again));
        assertEquals(1, count("warn", "without a checksum"), records.toString());
    }
}
