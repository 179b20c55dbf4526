package org.stagedml.api.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link Checkpoint#none()}: for build contexts without a store (the writer still runs, so its errors show). */
final class NoCheckpoint implements Checkpoint {
    static final NoCheckpoint INSTANCE = new NoCheckpoint();

    private NoCheckpoint() {
    }

    @Override
    public Optional<Path> last() {
        return Optional.empty();
    }

    @Override
    public Path save(Writer writer) throws IOException {
        Path dir = Files.createTempDirectory("stagedml-checkpoint");
        try {
            writer.write(dir);
            return dir;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public void clear() {
    }
}
