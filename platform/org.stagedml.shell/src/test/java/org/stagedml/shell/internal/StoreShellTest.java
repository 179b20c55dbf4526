package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.store.internal.FileStore;

class StoreShellTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    ShellFixture f;

    @BeforeEach
    void setUp() {
        f = new ShellFixture(root);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RRef realize(String stage, boolean force, String... overrides) throws Exception {
        return ShellFixture.lastRref(f.realize(stage, force, overrides));
    }

    private String run(ShellFixture.Body body) throws Exception {
        return ShellFixture.capture(body);
    }

    @Test
    void listHasOneLinePerRealizationWithItsRref() throws Exception {
        assertEquals(0, run(o -> f.storeShell.list(o, "example-random")).lines().filter(l -> l.contains("rref:")).count());
        realize("example-random", false);
        realize("example-random", true);
        realize("example-hello", false);
        List<org.stagedml.api.RealizationInfo> infos = new java.util.ArrayList<>(f.store.realizationsOf("example-random"));
        infos.sort(java.util.Comparator.comparing(org.stagedml.api.RealizationInfo::finished));
        RRef a = infos.get(0).rref();
        RRef b = infos.get(1).rref();
        String out = run(o -> f.storeShell.list(o, "example-random"));
        List<String> rows = out.lines().filter(l -> l.contains("rref:")).toList();
        assertEquals(2, rows.size(), out);
        assertTrue(rows.get(0).startsWith(a.toString()) && rows.get(1).startsWith(b.toString()), "oldest first:\n" + out);
        assertTrue(rows.get(0).contains("accuracy=") && rows.get(0).contains(" B"), out);
        assertEquals(3, run(o -> f.storeShell.list(o, null)).lines().filter(l -> l.contains("rref:")).count());
        assertEquals(a.dref(), b.dref());
        assertEquals(2, run(o -> f.storeShell.list(o, a.dref().toString())).lines().filter(l -> l.contains("rref:")).count());
        assertEquals(1, run(o -> f.storeShell.list(o, a.toString())).lines().filter(l -> l.contains("rref:")).count());
    }

    @Test
    void showPathAndLog() throws Exception {
        RRef r = realize("example-random", false);
        String show = run(o -> f.storeShell.show(o, r.toString()));
        assertTrue(show.contains("realization: " + r), show);
        assertTrue(show.contains("\"seed\" : -1"), show);
        assertTrue(show.contains("accuracy = "), show);
        assertTrue(show.contains("path:        " + f.store.path(r)), show);

        String path = run(o -> f.storeShell.path(o, r.toString()));
        assertEquals(f.store.path(r).toString(), ShellFixture.lastLine(path));
        assertTrue(Files.isDirectory(Path.of(ShellFixture.lastLine(path))));
        assertEquals(path, run(o -> f.storeShell.path(o, "example-random")), "a stage name means its latest");

        String log = run(o -> f.storeShell.log(o, r.toString()));
        assertTrue(log.contains("accuracy"), log);

        String derivation = run(o -> f.storeShell.show(o, r.dref().toString()));
        assertTrue(derivation.contains("realizations: 1") && derivation.contains(r.toString()), derivation);
    }

    @Test
    void badRefsAreOneClearLine() {
        StagedmlException e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.path(o, "rref:nope")));
        assertTrue(e.getMessage().startsWith("not a realization reference"), e.getMessage());
        RRef missing = RRef.parse("rref:" + "a".repeat(32) + "-" + "b".repeat(32) + "-example-hello");
        e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.show(o, missing.toString())));
        assertEquals("not in the store: " + missing + " (see store:list)", e.getMessage());
        e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.path(o, "example-hello")));
        assertTrue(e.getMessage().contains("no realizations of 'example-hello'"), e.getMessage());
    }

    @Test
    void failedBuildLogIsShownForItsDref() throws Exception {
        assertThrows(StagedmlException.class, () -> f.realize("example-fail", false));
        String dref = f.realizer.instantiate("example-fail", java.util.Map.of()).target().toString();
        String log = run(o -> f.storeShell.log(o, dref));
        assertTrue(log.contains("failed on purpose"), log);
    }

    @Test
    void rootsKeepRealizationsThroughGc() throws Exception {
        assertTrue(run(o -> f.storeShell.roots(o)).startsWith("no roots"));
        RRef hello = realize("example-hello", false);
        RRef random = realize("example-random", false);
        // realize keeps its target under last-<stage>, as nix-build keeps its result
        String roots = run(o -> f.storeShell.roots(o));
        assertTrue(roots.contains("last-example-random  " + random.dref()), roots);
        assertTrue(run(o -> f.storeShell.gc(o, false)).contains("removed 0 item(s)"));
        run(o -> f.storeShell.rootRm(o, "last-example-random"));
        run(o -> f.storeShell.rootRm(o, "last-example-hello"));
        run(o -> f.storeShell.rootAdd(o, "keep", hello.toString()));
        assertTrue(run(o -> f.storeShell.roots(o)).lines().anyMatch(l -> l.startsWith("keep") && l.contains(hello.toString())));

        String dry = run(o -> f.storeShell.gc(o, true));
        assertTrue(dry.contains("would remove " + random), dry);
        assertTrue(f.store.realization(random).isPresent(), "a dry run removes nothing");

        String gc = run(o -> f.storeShell.gc(o, false));
        assertTrue(gc.contains("removed " + random), gc);
        assertTrue(f.store.realization(random).isEmpty());
        assertTrue(Files.isDirectory(f.store.path(hello)));

        run(o -> f.storeShell.rootRm(o, "keep"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.rootRm(o, "keep")));
        assertEquals("no root named 'keep' (see store:roots)", e.getMessage());
    }

    @Test
    void rmRefusesWhatOthersDependOnUnlessForced() throws Exception {
        RRef top = realize("example-chain", false, "depth=2");
        RRef dep = f.store.realization(top).orElseThrow().context().values().iterator().next().get(0);
        StagedmlException e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.rm(o, dep.toString(), false)));
        assertTrue(f.store.realization(dep).isPresent(), e.getMessage());
        assertTrue(run(o -> f.storeShell.rm(o, top.toString(), false)).contains("removed " + top));
        assertTrue(f.store.realization(top).isEmpty());
        assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.rm(o, "example-chain", false)),
                "removal wants an exact ref");
    }

    @Test
    void verifyCatchesAFlippedByte() throws Exception {
        RRef hello = realize("example-hello", false);
        realize("example-random", false);
        String ok = run(o -> f.storeShell.verify(o, List.of()));
        assertTrue(ok.contains("verified 2 realization(s): ok"), ok);

        Path file = f.store.path(hello).resolve("hello.txt");
        file.toFile().setWritable(true);
        file.getParent().toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);

        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(captured, true, StandardCharsets.UTF_8);
        StagedmlException e = assertThrows(StagedmlException.class, () -> f.storeShell.verify(out, List.of()));
        assertTrue(e.getMessage().startsWith("verify found"), e.getMessage());
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("problem: " + hello), captured.toString());
        // only the other one: clean
        assertTrue(run(o -> f.storeShell.verify(o, List.of("example-random"))).contains("ok"));
    }

    @Test
    void exportThenImportIntoAnotherStore() throws Exception {
        RRef top = realize("example-chain", false, "depth=2");
        Path archive = work.resolve("chain.archive");
        String out = run(o -> f.storeShell.export(o, top.toString(), archive));
        assertTrue(out.startsWith("exported " + top), out);
        assertTrue(Files.size(archive) > 0);

        FileStore other = new FileStore(work.resolve("other"));
        StoreShell otherShell = new StoreShell(other);
        String imported = run(o -> otherShell.importArchive(o, archive));
        assertTrue(imported.contains("imported " + top), imported);
        assertTrue(other.realization(top).isPresent());
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> run(o -> otherShell.importArchive(o, work.resolve("missing.archive"))));
        assertTrue(e.getMessage().startsWith("no such archive"), e.getMessage());
    }

    @Test
    void compareTabulatesAndWritesAPng() throws Exception {
        for (int i = 0; i < 3; i++) {
            realize("example-random", true);
        }
        realize("example-random", false, "seed=7");
        String out = run(o -> f.storeShell.compare(o, "example-random", null));
        assertTrue(out.contains("4 realization(s) of example-random in 2 derivation(s); config differences: seed"), out);
        List<String> header = Arrays.asList(out.lines().filter(l -> l.startsWith("#")).findFirst().orElseThrow().split("\\s+"));
        assertEquals(List.of("#", "REALIZATION", "FINISHED", "seed", "accuracy", "score"), header);
        assertEquals(4, out.lines().filter(l -> l.matches("#\\d .*")).count(), out);
        assertTrue(out.contains("accuracy: mean"), out);
        String last = ShellFixture.lastLine(out);
        assertTrue(last.startsWith("plot: /") && last.endsWith(".png"), last);
        Path png = Path.of(last.substring("plot: ".length()));
        assertTrue(png.startsWith(root.resolve("plots")), png.toString());
        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
        javax.imageio.ImageIO.read(png.toFile()); // decodes
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getHeight() > 600, "curves above metrics");
    }

    @Test
    void compareWithoutHistoryOrMetricsStillPlots() throws Exception {
        realize("example-hello", false);
        Path png = work.resolve("hello.png");
        String out = run(o -> f.storeShell.compare(o, "example-hello", png));
        assertTrue(out.contains("no history.jsonl"), out);
        assertEquals("plot: " + png, ShellFixture.lastLine(out));
        assertTrue(Files.size(png) > 1000);
        StagedmlException e = assertThrows(StagedmlException.class, () -> run(o -> f.storeShell.compare(o, "example-sleep", null)));
        assertFalse(e.getMessage().contains("\n"));
    }
}
