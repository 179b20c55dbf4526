package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;

/** stage:config's file side: what it writes reads back (as java.util.Properties and File Install read it), edits in place. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void setsReadsBackKeepsCommentsAndRemovesEmptyKeys() throws Exception {
        Path f = dir.resolve("config/org.stagedml.realizer.cfg");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "# slots of this host\ncpuWorkers=2\ngpus = 0\n");
        ConfigFile file = new ConfigFile(dir.resolve("config"), "org.stagedml.realizer");
        assertEquals(Map.of("cpuWorkers", "2", "gpus", "0"), file.read());
        Map<String, String> after = file.set(ConfigFile.settings("gpus=2", "extra=a\\b c", "cpuWorkers="));
        assertEquals(Map.of("gpus", "2", "extra", "a\\b c"), after);
        assertEquals(List.of("# slots of this host", "gpus=2", "extra=a\\\\b c"), Files.readAllLines(f));
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(f)));
        assertEquals("a\\b c", p.getProperty("extra"), "java.util.Properties reads back what was set");
        assertEquals(List.of("org.stagedml.realizer.cfg"), Files.list(f.getParent()).map(x -> x.getFileName().toString()).toList(),
                "no temporary file left");
    }

    @Test
    void badPidsAndSettingsAreRefusedWithWhatToWrite() {
        StagedmlException pid = assertThrows(StagedmlException.class, () -> new ConfigFile(dir, "../etc/passwd"));
        assertTrue(pid.getMessage().contains("not a configuration PID"), pid.getMessage());
        StagedmlException kv = assertThrows(StagedmlException.class, () -> ConfigFile.settings("gpus"));
        assertTrue(kv.getMessage().contains("key=value"), kv.getMessage());
    }
}
