package org.stagedml.api.stage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeakMemoryTest {
    @Test
    void peakRssGrowsWithWhatTheProcessTouches() {
        double before = PeakMemory.megabytes();
        assertTrue(before > 1, "a JVM holds more than 1 MiB: " + before);
        byte[] block = new byte[256 << 20];
        for (int i = 0; i < block.length; i += 4096) {
            block[i] = 1; // touch every page so that it becomes resident
        }
        double after = PeakMemory.megabytes();
        assertTrue(after >= before + 200, "touched 256 MiB, peak went from " + before + " to " + after);
    }
}
