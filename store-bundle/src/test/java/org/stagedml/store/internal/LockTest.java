package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.store.StoreLock;

class LockTest {
    @TempDir
    Path tmp;

    @Test
    void threadsOfOneJvmExcludeEachOther() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] fs = new Future<?>[8];
            for (int i = 0; i < fs.length; i++) {
                // two store instances on one root, as two components or an embedded host would have
                FileStore s = i % 2 == 0 ? store : new FileStore(tmp);
                fs[i] = pool.submit(() -> {
                    for (int k = 0; k < 20; k++) {
                        try (StoreLock l = s.lock(d, null).orElseThrow()) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.sleep(1);
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, maxInside.get());
    }

    @Test
    void aTimeoutGivesEmptyAndInterruptStopsTheWait() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        try (StoreLock held = store.lock(d, Duration.ZERO).orElseThrow()) {
            long t0 = System.nanoTime();
            assertTrue(store.lock(d, Duration.ofMillis(200)).isEmpty());
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(190));
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                assertThrows(InterruptedException.class, () -> store.lock(d, null));
            });
            waiter.start();
            waiting.await();
            Thread.sleep(100);
            waiter.interrupt();
            waiter.join(5000);
            assertFalse(waiter.isAlive());
        }
        try (StoreLock again = store.lock(d, Duration.ZERO).orElseThrow()) {
            assertEquals(d, again.dref());
        }
    }

    @Test
    void anotherProcessHoldingTheLockBlocksUsUntilItDies() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        Process child = ChildJvm.start(LockHolderChild.class, "lock", tmp.toString(), d.toString());
        try {
            ChildJvm.awaitLine(child, "ready");
            assertTrue(store.lock(d, Duration.ofMillis(100)).isEmpty(), "the child holds it");
            child.destroyForcibly().waitFor();
            Optional<StoreLock> mine = store.lock(d, Duration.ofSeconds(10));
            assertTrue(mine.isPresent(), "the lock of a killed process is free");
            mine.get().close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void theJanitorKeepsALiveBuildOfAnotherProcessAndRemovesADeadOne() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        Process child = ChildJvm.start(LockHolderChild.class, "build", tmp.toString(), d.toString());
        try {
            BufferedReader out = ChildJvm.awaitLine(child, "ready");
            Path childOut = Files.list(tmp.resolve("tmp")).filter(Files::isDirectory).findFirst().orElseThrow();
            assertEquals(0, store.cleanTmp());
            assertEquals(0, new FileStore(tmp).cleanTmp());
            assertTrue(Files.exists(childOut.resolve("partial")), "a live build is kept");
            child.destroyForcibly().waitFor();
            assertEquals(1, store.cleanTmp());
            assertFalse(Files.exists(childOut));
            assertEquals(0, Files.list(tmp.resolve("tmp")).count());
            out.close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aCommitWithoutTheLockWaitsForTheProcessThatHoldsIt() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        Process child = ChildJvm.start(LockHolderChild.class, "lock", tmp.toString(), d.toString());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ChildJvm.awaitLine(child, "ready");
            Future<org.stagedml.api.RRef> commit = pool.submit(() -> StoreFixtures.commit(store, d, "x"));
            Thread.sleep(300);
            assertFalse(commit.isDone(), "the rename waits for the derivation lock");
            assertTrue(store.realizations(d).isEmpty());
            child.destroyForcibly().waitFor();
            org.stagedml.api.RRef r = commit.get(10, TimeUnit.SECONDS);
            assertTrue(store.realization(r).isPresent());
        } finally {
            child.destroyForcibly();
            pool.shutdownNow();
        }
    }

    @Test
    void aBuilderHoldingTheLockCommitsWithoutWaitingForItself() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        try (StoreLock lock = store.lock(d, Duration.ZERO).orElseThrow()) {
            assertTrue(store.realization(StoreFixtures.commit(store, d, "x")).isPresent());
        }
    }
}
