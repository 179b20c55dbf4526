package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {
    @TempDir
    Path tmp;
    Path folder;
    Path outside;

    @BeforeEach
    void files() throws Exception {
        folder = Files.createDirectories(tmp.resolve("store/abc/def"));
        Files.writeString(folder.resolve("metrics.json"), "{}");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/a b.txt"), "x");
        outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
    }

    @Test
    void aListedOutputIsServed() throws Exception {
        List<Path> outputs = List.of(Path.of("metrics.json"), Path.of("sub/a b.txt"));
        assertEquals(folder.resolve("sub/a b.txt").toRealPath(), SafePaths.resolve(folder, outputs, "sub/a b.txt"));
        assertEquals(folder.resolve("metrics.json").toRealPath(), SafePaths.resolve(folder, outputs, "metrics.json"));
    }

    @Test
    void dotDotAbsoluteAndOddPathsAreRefused() {
        List<Path> outputs = List.of(Path.of("metrics.json"));
        for (String bad : List.of("../../secret.txt", "sub/../metrics.json", "/etc/passwd", "./metrics.json", "a\\b",
                "metrics.json\0", "", "sub//x")) {
            SafePaths.Refused e = assertThrows(SafePaths.Refused.class, () -> SafePaths.resolve(folder, outputs, bad), bad);
            assertTrue(e.getMessage().length() > 5);
        }
    }

    @Test
    void whatTheStoreDoesNotListIsRefused() throws Exception {
        Files.createDirectories(folder.resolve("_meta"));
        Files.writeString(folder.resolve("_meta/build.log"), "log");
        SafePaths.Refused e = assertThrows(SafePaths.Refused.class,
                () -> SafePaths.resolve(folder, List.of(Path.of("metrics.json")), "_meta/build.log"));
        assertTrue(e.getMessage().contains("no output file"), e.getMessage());
    }

    @Test
    void aLinkOutOfTheRealizationIsRefused() throws Exception {
        Files.createSymbolicLink(folder.resolve("link.txt"), outside);
        SafePaths.Refused e = assertThrows(SafePaths.Refused.class,
                () -> SafePaths.resolve(folder, List.of(Path.of("link.txt")), "link.txt"));
        assertTrue(e.getMessage().contains("leads out"), e.getMessage());
    }
}
