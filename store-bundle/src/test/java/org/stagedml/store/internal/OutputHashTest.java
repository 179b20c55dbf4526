package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.PendingRealization;

/** What the output hash covers (paths, types, executable bit, content, context) and what not (_meta/). */
class OutputHashTest {
    @TempDir
    Path tmp;
    FileStore store;
    DRef dref;
    DRef dep;
    RRef depA;
    RRef depB;

    interface Build {
        void into(Path out) throws IOException;
    }

    @BeforeEach
    void setUp() throws IOException {
        store = new FileStore(tmp);
        dep = store.addDerivation(StoreFixtures.derivation("dep", "{}"));
        depA = StoreFixtures.commit(store, dep, "a");
        depB = StoreFixtures.commit(store, dep, "b");
        dref = store.addDerivation(StoreFixtures.derivation("s", "{\"dep\":\"" + dep + "\"}"));
    }

    RRef commit(Map<DRef, List<RRef>> context, String log, Build build) throws IOException {
        try (PendingRealization p = store.begin(dref)) {
            build.into(p.out());
            Files.writeString(p.meta().resolve("build.log"), log);
            return p.commit(context, List.of(), StoreFixtures.meta());
        }
    }

    RRef commit(Build build) throws IOException {
        return commit(Map.of(dep, List.of(depA)), "log", build);
    }

    @Test
    void theHashCoversNamesTypesModesContentAndContextButNotMeta() throws IOException {
        RRef base = commit(out -> Files.writeString(out.resolve("a.txt"), "hello"));
        assertEquals(base, commit(Map.of(dep, List.of(depA)), "another log", out -> Files.writeString(out.resolve("a.txt"), "hello")));
        assertNotEquals(base, commit(out -> Files.writeString(out.resolve("b.txt"), "hello")), "renamed");
        assertNotEquals(base, commit(out -> Files.writeString(out.resolve("a.txt"), "hellO")), "content");
        assertNotEquals(base, commit(Map.of(dep, List.of(depB)), "log", out -> Files.writeString(out.resolve("a.txt"), "hello")), "context");
        assertNotEquals(base, commit(out -> {
            Files.writeString(out.resolve("a.txt"), "hello");
            Files.setPosixFilePermissions(out.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }), "executable bit");
        assertNotEquals(base, commit(out -> {
            Files.writeString(out.resolve("a.txt"), "hello");
            Files.createDirectory(out.resolve("empty"));
        }), "an empty folder");
        assertNotEquals(base, commit(out -> {
            Files.createDirectory(out.resolve("a.txt"));
            Files.writeString(out.resolve("a.txt/x"), "hello");
        }), "type");
        RRef link = commit(out -> {
            Files.writeString(out.resolve("a.txt"), "hello");
            Files.createSymbolicLink(out.resolve("l"), Paths.get("a.txt"));
        });
        assertNotEquals(base, link, "a symbolic link");
        assertEquals(Paths.get("a.txt"), Files.readSymbolicLink(store.path(link).resolve("l")));
        assertEquals(8, store.realizations(dref).size());
        assertEquals("{\"" + dep + "\":[\"" + depA + "\"]}", Files.readString(store.path(base).resolve("context.json")));
    }

    @Test
    void theFolderNameIsTheHashOfTheSortedManifest() throws IOException {
        RRef r = commit(out -> {
            Files.createDirectories(out.resolve("b/c"));
            Files.writeString(out.resolve("b/c/z"), "z");
            Files.writeString(out.resolve("a"), "a");
        });
        TreeHasher.Manifest m = TreeHasher.hash(store.path(r));
        assertEquals(List.of("a", "b", "b/c", "b/c/z", "context.json"), m.entries().stream().map(TreeHasher.Entry::path).toList());
        assertEquals(r.outputHash(), m.hash().substring(0, 32));
        assertEquals(m, RealizationFiles.readManifest(store.path(r)));
        // the line format is part of the store format: pin it
        assertEquals("f ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb \"a\"\n", m.entries().get(0).line());
    }
}
