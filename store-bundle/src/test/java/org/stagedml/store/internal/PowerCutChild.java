package org.stagedml.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.PendingRealization;

/**
 * Child process of {@link PowerCutTest}: commits realizations (three files of random content) in a
 * loop, a new derivation every fifth, and roots every fifth; prints {@code committed <rref>} and
 * {@code rooted <name> <rref>} once the call has returned, until the filesystem is shut down under it.
 */
public final class PowerCutChild {
    private PowerCutChild() {
    }

    public static void main(String[] args) throws Exception {
        FileStore store = new FileStore(Paths.get(args[0]), StoreOptions.DEFAULTS.withFsync(Boolean.parseBoolean(args[1])));
        Random random = new Random(Long.parseLong(args[2]));
        System.out.println("started");
        System.out.flush();
        DRef d = null;
        for (int i = 0; ; i++) {
            if (i % 5 == 0) {
                d = store.addDerivation(StoreFixtures.derivation("cut", "{\"n\":" + i + "}"));
            }
            RRef r;
            try (PendingRealization p = store.begin(d)) {
                Path out = p.out();
                for (int f = 0; f < 3; f++) {
                    byte[] data = new byte[1 + random.nextInt(32 * 1024)];
                    random.nextBytes(data);
                    Files.write(out.resolve("file" + f), data);
                }
                r = p.commit(Map.of(), List.of("file0"), StoreFixtures.meta());
            }
            System.out.println("committed " + r);
            System.out.flush();
            if (i % 5 == 4) {
                String name = "keep" + (i / 5 % 3);
                store.addRoot(name, r);
                System.out.println("rooted " + name + " " + r);
                System.out.flush();
            }
        }
    }
}
