package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.StoreLock;

class ConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void identicalCommitsFromManyThreadsGiveOneRealization() throws Exception {
        FileStore store = new FileStore(tmp);
        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{}"));
        Set<RRef> results = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FileStore s = t % 2 == 0 ? store : new FileStore(tmp);
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        results.add(StoreFixtures.commit(s, d, "same"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, results.size());
        assertEquals(1, store.realizations(d).size());
        assertEquals(0, Files.list(tmp.resolve("tmp")).count());
        assertTrue(store.verify(List.of()).ok());
    }

    @Test
    void gcRunningBesideLockedBuildsNeverRemovesTheirResults() throws Exception {
        FileStore store = new FileStore(tmp);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<RRef> rooted = ConcurrentHashMap.newKeySet();
        try {
            Future<Integer> gc = pool.submit(() -> {
                int runs = 0;
                while (!stop.get()) {
                    new FileStore(tmp).gc(false);
                    runs++;
                }
                return runs;
            });
            List<Future<?>> builders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                builders.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        DRef d = store.addDerivation(StoreFixtures.derivation("s", "{\"t\":" + thread + ",\"i\":" + i + "}"));
                        // the realizer's protocol: lock, build, commit, root (or use), unlock
                        try (StoreLock lock = store.lock(d, Duration.ofSeconds(30)).orElseThrow()) {
                            if (store.derivation(d).isEmpty()) {
                                store.addDerivation(StoreFixtures.derivation("s", "{\"t\":" + thread + ",\"i\":" + i + "}"));
                            }
                            RRef r = StoreFixtures.commit(store, d, "t" + thread + "i" + i);
                            store.addRoot("t" + thread + "i" + i, r);
                            rooted.add(r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : builders) {
                f.get(60, TimeUnit.SECONDS);
            }
            stop.set(true);
            assertTrue(gc.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertEquals(90, rooted.size());
        for (RRef r : rooted) {
            assertTrue(store.realization(r).isPresent(), r + " survived");
        }
        assertTrue(store.verify(List.of()).ok());
    }
}
