package org.stagedml.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSlotTest {
    @TempDir
    Path base;

    @Test
    void aHeldSlotIsNotGivenTwiceAndIsReusedOnceReleased() throws Exception {
        CacheSlot a = CacheSlot.acquire(base);
        try (CacheSlot b = CacheSlot.acquire(base)) {
            assertNotEquals(a.dir(), b.dir());
        }
        Path first = a.dir();
        a.close();
        try (CacheSlot c = CacheSlot.acquire(base)) {
            assertEquals(first, c.dir());
        }
    }
}
