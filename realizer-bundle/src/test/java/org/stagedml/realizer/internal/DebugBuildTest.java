package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.store.FailedBuild;

/** --keep-failed and break points, on the real store and realizer. */
class DebugBuildTest {
    @TempDir
    Path dir;
    Fixture f;
    final BlockingQueue<PausedBuild> pauses = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        f = new Fixture(dir.resolve("store"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RealizeJob submit(String stage, Map<String, ?> overrides, RealizeOptions options) {
        return f.realizer.submit(f.instantiate(stage, overrides), options);
    }

    private RealizeOptions breakAfter(String... stages) {
        return RealizeOptions.defaults().withBreaks(new BreakPoints(Set.of(stages), false, Set.of(), pauses::add));
    }

    private PausedBuild nextPause() throws InterruptedException {
        PausedBuild p = pauses.poll(60, TimeUnit.SECONDS);
        assertNotNull(p, "no build paused");
        return p;
    }

    @Test
    void keepFailedKeepsTheOutputFolderConfigDependenciesAndLogOutsideTheStoreAndGcLeavesThem() throws Exception {
        RealizeJob job = submit("example-fail", Map.of("fail", "true"), RealizeOptions.defaults().withKeepFailed(true));
        assertThrows(BuildFailedException.class, job::await);

        List<FailedBuild> kept = f.store.failedBuilds();
        assertEquals(1, kept.size(), "one failed build kept");
        FailedBuild b = kept.get(0);
        assertEquals("example-fail", b.dref().name());
        assertEquals(f.root.resolve("failed"), b.folder().getParent(), "kept beside the store, not in it");
        assertEquals("written before failing\n", Files.readString(b.out().resolve("partial.txt")));
        assertTrue(Files.readString(b.folder().resolve("derivation.json")).contains("\"fail\""), "its config");
        assertTrue(Files.isRegularFile(b.folder().resolve("dependencies.txt")));
        assertTrue(Files.readString(b.folder().resolve("build.log")).contains("about to fail"), "its log");
        assertTrue(f.tmpEntries().isEmpty(), "nothing left in tmp/: " + f.tmpEntries());
        assertTrue(f.store.realizations(b.dref()).isEmpty(), "nothing committed");

        f.store.gc(false);
        assertEquals(kept, f.store.failedBuilds(), "gc leaves the failed builds alone");
        assertTrue(f.store.verify(List.of()).ok(), "the store verifies with failed/ beside it");

        assertTrue(f.store.removeFailedBuild(b));
        assertTrue(f.store.failedBuilds().isEmpty());
        assertFalse(Files.exists(b.folder()));
    }

    @Test
    void withoutKeepFailedNothingIsKept() throws Exception {
        RealizeJob job = submit("example-fail", Map.of("fail", "true"), RealizeOptions.defaults());
        assertThrows(BuildFailedException.class, job::await);
        assertTrue(f.store.failedBuilds().isEmpty());
        assertTrue(f.tmpEntries().isEmpty());
    }

    @Test
    void aBreakHoldsTheBuildWithItsLockAndCommitsTheEditedFolderMarkedAsTouchedByHand() throws Exception {
        RealizeJob job = submit("example-hello", Map.of("greeting", "paused"), breakAfter("example-hello"));
        PausedBuild p = nextPause();
        assertEquals(PausedBuild.Point.BEFORE_COMMIT, p.point());
        assertEquals("paused\n", Files.readString(p.out().resolve("hello.txt")), "build() ran");
        assertTrue(p.derivation().config().toJson().toString().contains("paused"));
        assertFalse(job.isDone());
        assertTrue(f.store.realizations(p.dref()).isEmpty(), "nothing committed while paused");
        assertTrue(f.store.lock(p.dref(), Duration.ZERO).isEmpty(), "the paused build holds its lock");
        f.store.gc(false);
        assertTrue(f.store.derivation(p.dref()).isPresent() && Files.isDirectory(p.out()),
                "gc keeps what the paused build holds");
        Thread.sleep(300);
        assertFalse(job.isDone(), "still paused");

        Files.writeString(p.out().resolve("extra.txt"), "by hand\n");
        p.proceed();
        RRef r = job.await().get(0);
        assertEquals("by hand\n", Files.readString(f.store.path(r).resolve("extra.txt")), "the edit is committed");
        assertTrue(f.store.notes(r).containsKey(PausedBuild.TOUCHED_NOTE), "marked: " + f.store.notes(r));
        assertTrue(f.store.verify(List.of(r)).ok());
    }

    @Test
    void aBreakWithoutAnEditCommitsWithoutTheMark() throws Exception {
        RealizeJob job = submit("example-hello", Map.of("greeting", "untouched"), breakAfter("example-hello"));
        nextPause().proceed();
        RRef r = job.await().get(0);
        assertFalse(f.store.notes(r).containsKey(PausedBuild.TOUCHED_NOTE), "not marked: " + f.store.notes(r));
    }

    @Test
    void abortCancelsTheRealizeAndLeavesNothing() throws Exception {
        RealizeJob job = submit("example-hello", Map.of("greeting", "aborted"), breakAfter("example-hello"));
        PausedBuild p = nextPause();
        p.abort();
        assertThrows(CancelledException.class, job::await);
        assertTrue(f.store.realizations(p.dref()).isEmpty());
        assertTrue(f.tmpEntries().isEmpty(), "tmp/ cleaned: " + f.tmpEntries());
        assertFalse(Files.exists(p.out()));
        assertTrue(f.store.lock(p.dref(), Duration.ZERO).isPresent(), "the lock was let go");
    }

    @Test
    void cancellingAPausedRealizeEndsThePause() throws Exception {
        RealizeJob job = submit("example-hello", Map.of("greeting", "cancel"), breakAfter("example-hello"));
        PausedBuild p = nextPause();
        job.cancel();
        assertThrows(CancelledException.class, job::await);
        assertTrue(p.isResolved());
        assertTrue(f.tmpEntries().isEmpty());
    }

    @Test
    void everyBreakPointPausesAgainInTheSameRealize() throws Exception {
        RealizeOptions all = RealizeOptions.defaults().withBreaks(new BreakPoints(Set.of(), true, Set.of(), pauses::add));
        RealizeJob job = submit("example-chain", Map.of("depth", 2), all);
        int paused = 0;
        for (int i = 0; i < 3; i++) {
            PausedBuild p = nextPause();
            assertEquals("example-chain", p.dref().name());
            if (p.dependencies().containsKey("prev1")) {
                assertTrue(Files.isRegularFile(p.dependencies().get("prev1").get(0).resolve("value.txt")),
                        "dependency paths are ready: " + p.dependencies());
            }
            p.proceed();
            paused++;
        }
        assertEquals(1, job.await().size());
        assertEquals(3, paused, "one pause per build of the closure");
        assertTrue(pauses.isEmpty());
    }

    @Test
    void breakBeforeThenSkipCommitsWhatThePersonPutThere() throws Exception {
        RealizeOptions before = RealizeOptions.defaults()
                .withBreaks(new BreakPoints(Set.of(), false, Set.of("example-hello"), pauses::add));
        RealizeJob job = submit("example-hello", Map.of("greeting", "skipped"), before);
        PausedBuild p = nextPause();
        assertEquals(PausedBuild.Point.BEFORE_BUILD, p.point());
        assertFalse(Files.exists(p.out().resolve("hello.txt")), "build() has not run");
        Files.writeString(p.out().resolve("hello.txt"), "made by hand\n");
        p.skip();
        RRef r = job.await().get(0);
        assertEquals("made by hand\n", Files.readString(f.store.path(r).resolve("hello.txt")));
        assertTrue(f.store.notes(r).get(PausedBuild.TOUCHED_NOTE).contains("skipped"));
    }

    @Test
    void breakBeforeThenContinueRunsTheBuild() throws Exception {
        RealizeOptions before = RealizeOptions.defaults()
                .withBreaks(new BreakPoints(Set.of(), false, Set.of("example-hello"), pauses::add));
        RealizeJob job = submit("example-hello", Map.of("greeting", "built"), before);
        nextPause().proceed();
        RRef r = job.await().get(0);
        assertEquals("built\n", Files.readString(f.store.path(r).resolve("hello.txt")));
        assertFalse(f.store.notes(r).containsKey(PausedBuild.TOUCHED_NOTE));
    }

    @Test
    void breakPointsNeedAHold() {
        assertThrows(IllegalArgumentException.class, () -> new BreakPoints(Set.of("x"), false, Set.of(), null));
    }
}
