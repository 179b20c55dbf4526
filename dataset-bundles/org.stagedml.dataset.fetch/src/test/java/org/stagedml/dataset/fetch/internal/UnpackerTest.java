package org.stagedml.dataset.fetch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackerTest {
    @TempDir
    Path tmp;
    private Path dest;

    @BeforeEach
    void setUp() throws IOException {
        dest = Files.createDirectories(tmp.resolve("out"));
    }

    private long unpack(byte[] archive, String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, archive);
        return new Unpacker().unpack(file, name, dest);
    }

    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(dest)) {
            return s.filter(p -> !p.equals(dest)).map(p -> dest.relativize(p) + (Files.isSymbolicLink(p) ? "@"
                    : Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }

    /** Nothing was written beside the output folder. */
    private void assertNothingOutside() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("out"))
                    .filter(n -> !n.startsWith("a.")).toList();
            assertEquals(List.of(), names);
        }
    }

    @Test
    void zipWithFoldersFilesAndAnExecutable() throws IOException {
        long n = unpack(Archives.zip("d/", "", "d/x.txt", "x", "run.sh", "#!/bin/sh\n"), "a.zip");
        assertEquals(2, n);
        assertEquals(List.of("d/", "d/x.txt", "run.sh"), tree());
        assertEquals("x", Files.readString(dest.resolve("d/x.txt")));
        assertTrue(Files.isExecutable(dest.resolve("run.sh")));
        assertFalse(Files.isExecutable(dest.resolve("d/x.txt")));
    }

    @Test
    void tarTarGzAndGz() throws IOException {
        byte[] tar = Archives.tar("t/", "", "t/a.txt", "A", "t/link->a.txt", "", "t/copy=>t/a.txt", "");
        unpack(tar, "a.tar");
        assertEquals(List.of("t/", "t/a.txt", "t/copy", "t/link@"), tree());
        assertEquals("A", Files.readString(dest.resolve("t/link")));
        assertEquals("A", Files.readString(dest.resolve("t/copy")));

        dest = Files.createDirectories(tmp.resolve("out2"));
        // the name says nothing: the bytes tell tar.gz
        unpack(Archives.gzip(tar), "a.bin");
        assertEquals(List.of("t/", "t/a.txt", "t/copy", "t/link@"), tree());

        dest = Files.createDirectories(tmp.resolve("out3"));
        unpack(Archives.gzip("plain".getBytes()), "a.idx.gz");
        assertEquals(List.of("a.idx"), tree());
        assertEquals(ArchiveFormat.GZ, ArchiveFormat.detect(tmp.resolve("a.idx.gz"), "a.idx.gz"));
    }

    @Test
    void entriesEscapingTheFolderAreRefused() throws IOException {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(Archives.zip("ok.txt", "fine", "../evil.txt", "x"), "a.zip"));
        assertTrue(e.getMessage().contains("'../evil.txt'") && e.getMessage().contains("outside"), e.getMessage());
        assertThrows(UnsafeArchiveException.class, () -> unpack(Archives.tar("d/../../evil.txt", "x"), "a.tar"));
        assertNothingOutside();
    }

    @Test
    void absolutePathsAreRefused() {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(Archives.tar("/tmp/evil.txt", "x"), "a.tar"));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        assertThrows(UnsafeArchiveException.class, () -> unpack(Archives.zip("/evil.txt", "x"), "a.zip"));
    }

    @Test
    void linksOutOfTheFolderAreRefused() throws IOException {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(Archives.tar("passwd->/etc/passwd", ""), "a.tar"));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        e = assertThrows(UnsafeArchiveException.class, () -> unpack(Archives.zip("up->../..", ""), "a.zip"));
        assertTrue(e.getMessage().contains("link pointing out"), e.getMessage());
        e = assertThrows(UnsafeArchiveException.class, () -> unpack(Archives.tar("h=>../secret", ""), "a.tar"));
        assertTrue(e.getMessage().contains("hard link"), e.getMessage());
        assertThrows(UnsafeArchiveException.class, () -> unpack(Archives.tar("h=>/etc/passwd", ""), "a.tar"));
        assertNothingOutside();
    }

    @Test
    void aChainOfLinksCannotBeUsedToWriteOutside() throws IOException {
        // d/l -> .. is the root itself (fine); d/m -> l/.. looks like "d" but physically is the root's parent
        byte[] tar = Archives.tar("d/", "", "d/l->..", "", "d/m->l/..", "", "d/m/escaped.txt", "x");
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> unpack(tar, "a.tar"));
        assertTrue(e.getMessage().contains("through a link"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertNothingOutside();

        dest = Files.createDirectories(tmp.resolve("out2"));
        byte[] linksOnly = Archives.tar("d/", "", "d/l->..", "", "d/m->l/..", "");
        e = assertThrows(UnsafeArchiveException.class, () -> unpack(linksOnly, "a2.tar"));
        assertTrue(e.getMessage().contains("resolves out"), e.getMessage());
    }

    @Test
    void aFileEntryReplacesALinkRatherThanWritingThroughIt() throws IOException {
        Path outside = Files.writeString(tmp.resolve("a.victim"), "safe");
        byte[] tar = Archives.tar("f.txt", "inside", "l->f.txt", "", "l", "new");
        unpack(tar, "a.tar");
        assertFalse(Files.isSymbolicLink(dest.resolve("l")));
        assertEquals("new", Files.readString(dest.resolve("l")));
        assertEquals("inside", Files.readString(dest.resolve("f.txt")));
        assertEquals("safe", Files.readString(outside));
        assertTrue(Files.exists(dest.resolve("l"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void pathsTheReservedPredicateNamesAreRefused() throws IOException {
        // a build passes its context's reserved(): the store's own names; here a made-up one
        java.util.function.Predicate<Path> reserved = p -> p.getName(0).toString().equals("_mine");
        Path zip = Files.write(tmp.resolve("a.zip"), Archives.zip("ok.txt", "ok", "_mine/x", "x"));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> new Unpacker(() -> false, reserved).unpack(zip, "a.zip", dest));
        assertTrue(e.getMessage().contains("reserves (_mine/x)"), e.getMessage());
        Path tar = Files.write(tmp.resolve("b.tar"), Archives.tar("_mine", "{}"));
        assertThrows(UnsafeArchiveException.class, () -> new Unpacker(() -> false, reserved).unpack(tar, "b.tar", dest));
        // without a predicate (outside a build) nothing is reserved
        assertEquals(1, new Unpacker().unpack(tar, "b.tar", Files.createDirectories(tmp.resolve("plain"))));
    }

    @Test
    void notAnArchiveIsAClearError() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.txt"), "just text");
        org.stagedml.api.StagedmlException e = assertThrows(org.stagedml.api.StagedmlException.class,
                () -> new Unpacker().unpack(f, "a.txt", dest));
        assertTrue(e.getMessage().contains("not a zip, tar, tar.gz or gz"), e.getMessage());
    }
}
