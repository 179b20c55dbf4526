package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.PendingRealization;

class ArchiveTest {
    @TempDir
    Path tmp;
    FileStore source;
    DRef data;
    DRef train;
    RRef data1;
    RRef train1;

    @BeforeEach
    void setUp() throws Exception {
        source = new FileStore(tmp.resolve("a"));
        data = source.addDerivation(StoreFixtures.derivation("data", "{}"));
        train = source.addDerivation(StoreFixtures.derivation("train", "{\"data\":\"" + data + "\"}"));
        data1 = StoreFixtures.commit(source, data, "d1");
        StoreFixtures.commit(source, data, "d2-unused");
        try (PendingRealization p = source.begin(train)) {
            Files.createDirectories(p.out().resolve("bin"));
            Files.writeString(p.out().resolve("bin/run"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(p.out().resolve("bin/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(p.out().resolve("latest"), Paths.get("bin/run"));
            Files.createDirectory(p.out().resolve("empty"));
            Files.writeString(p.out().resolve("metrics.json"), "{\"accuracy\":0.75}");
            Files.writeString(p.meta().resolve("build.log"), "trained");
            train1 = p.commit(Map.of(data, List.of(data1)), List.of("bin/run"), StoreFixtures.meta());
        }
    }

    @Test
    void aClosureMovesToAnotherStoreWithItsHashesAndMetadata() throws Exception {
        Path archive = tmp.resolve("closure.zip");
        source.exportClosure(train1, archive);
        FileStore target = new FileStore(tmp.resolve("b"));
        List<Ref> added = target.importArchive(archive);
        assertEquals(List.of(data, train, data1, train1), added);
        assertEquals(List.of(data, train).stream().sorted().toList(), target.derivations());
        assertEquals(1, target.realizations(data).size(), "only the realization in the context travels");
        assertTrue(target.verify(List.of()).ok());
        assertEquals(0.75, target.realization(train1).orElseThrow().metric("accuracy").getAsDouble());
        assertEquals(source.realization(train1).orElseThrow().finished(), target.realization(train1).orElseThrow().finished());
        assertEquals(Map.of(data, List.of(data1)), target.realization(train1).orElseThrow().context());
        Path dir = target.path(train1);
        assertTrue(Files.isExecutable(dir.resolve("bin/run")));
        assertTrue(Files.isSymbolicLink(dir.resolve("latest")));
        assertTrue(Files.isDirectory(dir.resolve("empty")));
        assertTrue(Files.exists(dir.resolve("_meta/build.log")));
        assertEquals(List.of(), target.importArchive(archive), "a second import adds nothing");
        assertEquals(0, Files.list(tmp.resolve("b/tmp")).count());
    }

    @Test
    void exportingADerivationTakesAllItsRealizations() throws Exception {
        Path archive = tmp.resolve("data.zip");
        source.exportClosure(data, archive);
        FileStore target = new FileStore(tmp.resolve("b"));
        assertEquals(3, target.importArchive(archive).size());
        assertEquals(2, target.realizations(data).size());
    }

    @Test
    void aCorruptedArchiveIsRefusedAndAddsNothing() throws Exception {
        Path archive = tmp.resolve("closure.zip");
        source.exportClosure(train1, archive);
        Path forged = tmp.resolve("forged.zip");
        String victim = StoreLayout.STORE_DIR + "/" + train.folderName() + "/" + train1.outputHash() + "/bin/run";
        rewrite(archive, forged, victim, "#!/bin/sh\nrm -rf /\n");
        FileStore target = new FileStore(tmp.resolve("b"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> target.importArchive(forged));
        assertTrue(e.getMessage().contains(train1.toString()) && e.getMessage().contains("bin/run"), e.getMessage());
        assertEquals(List.of(), target.derivations());
        assertEquals(0, Files.list(tmp.resolve("b/tmp")).count());

        Path notAnArchive = Files.writeString(tmp.resolve("x.zip"), "hello");
        assertThrows(StagedmlException.class, () -> target.importArchive(notAnArchive));
    }

    @Test
    void entriesOutsideTheStoreAreRefused() throws Exception {
        Path evil = tmp.resolve("evil.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evil))) {
            zip.putNextEntry(new ZipEntry(Archives.HEADER));
            zip.write("{\"format\":1,\"derivations\":[],\"realizations\":[]}".getBytes());
            zip.putNextEntry(new ZipEntry("store-v1/../../escape"));
            zip.write(1);
        }
        FileStore target = new FileStore(tmp.resolve("b"));
        assertThrows(StagedmlException.class, () -> target.importArchive(evil));
        assertTrue(Files.notExists(tmp.resolve("escape")));
    }

    /** Copies a zip, replacing one entry's content. */
    private static void rewrite(Path from, Path to, String entry, String content) throws IOException {
        Set<String> seen = new java.util.HashSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                seen.add(e.getName());
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    out.write(content.getBytes());
                } else {
                    ((InputStream) in).transferTo(out);
                }
            }
        }
        assertTrue(seen.contains(entry), entry + " in " + seen);
    }
}
