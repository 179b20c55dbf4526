package org.stagedml.api.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident set size of this process (Linux {@code VmHWM} in /proc/self/status): what a
 * training stage reports as {@code peak_rss_mb}. It is per process, so in a shell that ran several
 * builds it is the peak of all of them so far. One definition for every engine's training stages.
 */
public final class PeakMemory {
    /** The metrics.json key. */
    public static final String METRIC = "peak_rss_mb";
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** Peak RSS in MiB, or NaN where /proc is not there (not Linux). */
    public static double megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
