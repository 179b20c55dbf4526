package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.store.internal.FileStore;

/** Two JVMs realizing the same derivation on one store build it once; the other waits and matches. */
class CrossProcessTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesBuildOnce() throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("child" + i + ".txt");
            outputs.add(out);
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RealizeMain.class.getName(), dir.resolve("store").toString(), "3")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        for (Process p : children) {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child did not finish");
        }
        int built = 0;
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String text = Files.readString(outputs.get(i));
            assertEquals(0, children.get(i).exitValue(), text);
            for (String line : text.split("\n")) {
                if (line.startsWith("BUILT ")) {
                    built += Integer.parseInt(line.substring(6).trim());
                } else if (line.startsWith("RESULT ")) {
                    results.add(line.substring(7).trim());
                }
            }
        }
        assertEquals(1, built, "the derivation was built " + built + " times");
        assertEquals(2, results.size());
        assertEquals(results.get(0), results.get(1));
        FileStore store = new FileStore(dir.resolve("store"));
        DRef d = store.derivations("example-sleep").get(0);
        assertEquals(1, store.realizations(d).size());
    }
}
