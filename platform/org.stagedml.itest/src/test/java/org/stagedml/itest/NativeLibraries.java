package org.stagedml.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Which shared libraries this process has mapped, read from Linux's /proc/self/maps. */
final class NativeLibraries {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private NativeLibraries() {}

    static boolean readable() {
        return Files.isReadable(MAPS);
    }

    /** Mapped files whose name contains one of the fragments, e.g. "libtensorflow". */
    static List<String> mapped(String... fragments) {
        try {
            return Files.readAllLines(MAPS).stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> List.of(fragments).stream().anyMatch(file::contains))
                    .distinct()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
