package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.PausedBuild;

/** stage:realize --break / --keep-failed, stage:continue, stage:abort, store:failed, store:gc --failed. */
class DebugShellTest {
    private static final Pattern OUT_FOLDER = Pattern.compile("output folder: (\\S+)");
    @TempDir
    Path dir;
    ShellFixture f;
    PauseBoard board;
    StageShell shell;
    DebugCommands debug;

    @BeforeEach
    void setUp() {
        f = new ShellFixture(dir.resolve("home"));
        board = new PauseBoard(f.store);
        shell = new StageShell(f.realizer, f.store, List::of, board);
        debug = new DebugCommands(board, f.realizer, f.store);
    }

    @AfterEach
    void tearDown() {
        board.deactivate();
        f.close();
    }

    private String realize(DebugRequest d, String stage, String... overrides) throws Exception {
        return ShellFixture.capture(out -> shell.realize(out, new StageShell.RealizeRequest(stage,
                Args.overrides(overrides, ""), false, false, 1, "", false), false, d));
    }

    private static DebugRequest breakAfter(String stage) {
        return new DebugRequest(false, Set.of(stage), false, Set.of(), false);
    }

    private static Path outFolder(String output) {
        Matcher m = OUT_FOLDER.matcher(output);
        assertTrue(m.find(), "no output folder printed:\n" + output);
        return Path.of(m.group(1));
    }

    @Test
    void aBreakReturnsToThePromptAndContinueCommitsTheEditMarked() throws Exception {
        String paused = realize(breakAfter("example-hello"), "example-hello", "greeting=shell");
        assertTrue(paused.contains("paused before the commit of dref:"), paused);
        assertTrue(paused.contains("\"greeting\":\"shell\""), "the config is printed:\n" + paused);
        Path out = outFolder(paused);
        assertTrue(Files.isRegularFile(out.resolve("hello.txt")));
        assertTrue(f.store.realizationsOf("example-hello").isEmpty(), "nothing committed yet");

        Files.writeString(out.resolve("extra.txt"), "by hand\n");
        String continued = ShellFixture.capture(o -> debug.resolve(o, "continue", new String[0], PausedBuild::proceed));
        RRef r = ShellFixture.lastRref(continued);
        assertTrue(Files.isRegularFile(f.store.path(r).resolve("extra.txt")));
        String shown = ShellFixture.capture(o -> f.storeShell.show(o, r.toString()));
        assertTrue(shown.contains(PausedBuild.TOUCHED_NOTE), shown);
    }

    @Test
    void abortLeavesNothingAndContinueWithoutAPauseIsAClearError() throws Exception {
        realize(breakAfter("example-hello"), "example-hello", "greeting=aborted");
        String aborted = ShellFixture.capture(o -> debug.resolve(o, "abort", new String[0], PausedBuild::abort));
        assertTrue(aborted.contains("aborted"), aborted);
        assertTrue(f.store.realizationsOf("example-hello").isEmpty());
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> debug.resolve(System.out, "continue", new String[0], PausedBuild::proceed));
        assertTrue(e.getMessage().contains("no build is paused"), e.getMessage());
    }

    @Test
    void aBreakOnAStageOutsideTheClosureIsRefused() {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> realize(breakAfter("example-chain"), "example-hello"));
        assertTrue(e.getMessage().contains("no stage 'example-chain'"), e.getMessage());
    }

    @Test
    void keepFailedSaysWhereAndStoreFailedListsAndRemoves() throws Exception {
        DebugRequest keep = new DebugRequest(true, Set.of(), false, Set.of(), false);
        StringBuilder printed = new StringBuilder();
        assertThrows(BuildFailedException.class, () -> printed.append(ShellFixture.capture(out -> {
            try {
                shell.realize(out, new StageShell.RealizeRequest("example-fail", Map.of("fail", "true"), false, false,
                        1, "", false), false, keep);
            } finally {
                out.flush();
            }
        })));
        FailedBuildsShell failed = new FailedBuildsShell(f.store);
        String list = ShellFixture.capture(failed::list);
        assertTrue(list.contains("example-fail"), list);
        f.storeShell.gc(System.out, false);
        assertEquals(1, f.store.failedBuilds().size(), "gc leaves them");
        String removed = ShellFixture.capture(failed::removeAll);
        assertTrue(removed.contains("removed 1"), removed);
        assertTrue(f.store.failedBuilds().isEmpty());
    }

    @Test
    void breakWordsAreRepeatableAndStandAnywhere() {
        BreakWords w = BreakWords.parse("--break", new String[] {"a", "example-chain", "--break", "b",
                "--break-before", "c", "depth=2"});
        assertEquals("example-chain", w.stage());
        assertEquals(Set.of("a", "b"), w.breakAfter());
        assertEquals(Set.of("c"), w.breakBefore());
        assertEquals(List.of("depth=2"), List.of(w.overrides()));
        assertThrows(StagedmlException.class, () -> BreakWords.parse("x", new String[] {"--break"}));
    }
}
