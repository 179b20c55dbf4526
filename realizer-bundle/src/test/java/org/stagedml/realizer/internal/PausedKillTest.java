package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;

/** Killing a process whose build is paused at a break point leaves nothing partial in the store. */
class PausedKillTest {
    @TempDir
    Path dir;

    @Test
    void aKillWhilePausedLeavesTheStoreVerifiedAndNothingCommitted() throws Exception {
        Path root = dir.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PauseMain.class.getName(),
                root.toString()).redirectErrorStream(true).start();
        Path out = null;
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("PAUSED ")) {
                    out = Path.of(line.substring("PAUSED ".length()));
                    break;
                }
            }
            assertNotNull(out, "the child never paused");
            assertTrue(Files.isRegularFile(out.resolve("hello.txt")), "paused after build()");
        } finally {
            // SIGKILL, as the reliability suite does: no shutdown hook runs
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        }
        try (Fixture f = new Fixture(root)) { // opening the store sweeps the dead build's tmp/ folder
            DRef d = f.instantiate("example-hello", Map.of("greeting", "killed")).target();
            assertTrue(f.store.realizations(d).isEmpty(), "nothing committed");
            assertFalse(Files.exists(out), "the paused build's folder is gone");
            assertTrue(f.tmpEntries().isEmpty(), "tmp/ is clean: " + f.tmpEntries());
            assertTrue(f.store.verify(List.of()).ok(), "the store verifies");
        }
    }
}
