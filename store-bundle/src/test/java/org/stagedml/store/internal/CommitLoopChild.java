package org.stagedml.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.store.PendingRealization;

/**
 * Child process of the kill test: commits realizations (several files, random sizes, an executable,
 * a context) in a loop, with a GC now and then, until it is killed.
 */
public final class CommitLoopChild {
    private CommitLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        FileStore store = new FileStore(Paths.get(args[0]));
        Random random = new Random(Long.parseLong(args[1]));
        DRef base = store.addDerivation(StoreFixtures.derivation("base", "{}"));
        RRef baseR = StoreFixtures.commit(store, base, "base");
        store.addRoot("base", baseR);
        System.out.println("started");
        System.out.flush();
        for (int i = 0; ; i++) {
            DRef d = store.addDerivation(StoreFixtures.derivation("step",
                    "{\"base\":\"" + base + "\",\"n\":" + random.nextInt(20) + "}"));
            try (PendingRealization p = store.begin(d)) {
                Path out = p.out();
                Files.createDirectories(out.resolve("sub/deeper"));
                for (int f = 0; f < 4; f++) {
                    byte[] data = new byte[random.nextInt(64 * 1024)];
                    random.nextBytes(data);
                    Files.write(out.resolve(f % 2 == 0 ? "file" + f : "sub/deeper/file" + f), data);
                }
                Path tool = out.resolve("tool.sh");
                Files.writeString(tool, "#!/bin/sh\necho " + random.nextInt() + "\n");
                Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.writeString(out.resolve("metrics.json"), "{\"accuracy\":" + random.nextDouble() + "}");
                Files.writeString(p.meta().resolve("build.log"), "build " + i);
                if (random.nextInt(10) == 0) {
                    continue; // an abandoned build: close() without commit
                }
                RRef r = p.commit(Map.of(base, List.of(baseR)), List.of("file0", "tool.sh"), StoreFixtures.meta());
                System.out.println("committed");
                System.out.flush();
                if (random.nextInt(4) == 0) {
                    store.addRoot("keep" + random.nextInt(5), r);
                }
            }
            if (i % 7 == 6) {
                store.gc(false);
            }
        }
    }
}
