package org.stagedml.dataset.fetch.internal;

import org.stagedml.testing.FolderBuildContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.StagedmlException;

class FetchLocalStageTest {
    private final FetchLocalStage stage = new FetchLocalStage();

    @TempDir
    Path tmp;

    private FolderBuildContext build(Map<String, ?> overrides, Path out) throws Exception {
        FolderBuildContext b = new FolderBuildContext(stage, overrides, out);
        stage.dependencies(b.config());
        stage.build(b);
        return b;
    }

    @Test
    void copiesTheFileInAfterCheckingIt() throws Exception {
        byte[] data = "idx data".getBytes();
        Path src = Files.write(tmp.resolve("train-labels-idx1-ubyte.gz"), data);
        Path out = Files.createDirectories(tmp.resolve("out"));
        FolderBuildContext b = build(Map.of("path", src.toString(), "sha256", Archives.sha256(data)), out);
        assertArrayEquals(data, Files.readAllBytes(out.resolve("train-labels-idx1-ubyte.gz")));
        assertEquals(src.toString(), b.notes.get("source"));
    }

    @Test
    void aMismatchNamesBothHashesAndKeepsNothing() throws Exception {
        Path src = Files.writeString(tmp.resolve("f.bin"), "abc");
        Path out = Files.createDirectories(tmp.resolve("out"));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> build(Map.of("path", src.toString(), "sha256", "1".repeat(64)), out));
        assertTrue(e.getMessage().contains("expected " + "1".repeat(64)) && e.getMessage().contains(
                "got " + Archives.sha256("abc".getBytes())), e.getMessage());
        assertFalse(Files.exists(out.resolve("f.bin")));
        assertFalse(Files.exists(out.resolve("_meta/fetch/f.bin.part")));
    }

    @Test
    void relativeOrMissingPathsAndMissingChecksumsAreRefused() throws Exception {
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchlocal",
                Map.of("path", "rel/file", "sha256", "0".repeat(64)))));
        assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply("fetchlocal",
                Map.of("path", "/abs/file"))));
        Path out = Files.createDirectories(tmp.resolve("out"));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> build(Map.of("path", tmp.resolve("nope").toString(), "sha256", "0".repeat(64)), out));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unpackStageFetchesItsArchiveAsADependencyAndUnpacksIt() throws Exception {
        UnpackStage unpack = new UnpackStage();
        var deps = unpack.dependencies(unpack.schema().apply("unpack",
                Map.of("url", "http://h/a.tar.gz", "sha256", "a".repeat(64))));
        assertEquals("fetchurl", deps.get("archive").stage());
        assertEquals(Map.of("url", "http://h/a.tar.gz", "sha256", "a".repeat(64)), deps.get("archive").overrides());
        assertEquals("fetchlocal", unpack.dependencies(unpack.schema().apply("unpack",
                Map.of("path", "/x/a.zip", "insecure", "true"))).get("archive").stage());
        assertThrows(ConfigException.class, () -> unpack.dependencies(unpack.schema().apply("unpack",
                Map.of("sha256", "a".repeat(64)))));

        Path fetched = Files.createDirectories(tmp.resolve("fetched"));
        Files.write(fetched.resolve("a.tar.gz"), Archives.gzip(Archives.tar("x/y.txt", "y")));
        Files.writeString(fetched.resolve("context.json"), "{}");
        Path out = Files.createDirectories(tmp.resolve("out"));
        FolderBuildContext b = new FolderBuildContext(unpack, Map.of("url", "http://h/a.tar.gz", "sha256", "a".repeat(64)), out);
        b.dependencyPaths.put("archive", fetched);
        unpack.build(b);
        assertEquals("y", Files.readString(out.resolve("x/y.txt")));
    }
}
