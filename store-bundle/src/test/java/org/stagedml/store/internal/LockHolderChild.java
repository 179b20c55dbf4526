package org.stagedml.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.stagedml.api.DRef;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.StoreLock;
import org.stagedml.api.store.TempRoot;

/**
 * Child process for the cross-process tests: {@code lock <root> <dref>} holds the derivation lock,
 * {@code temproot <root> <dref>} a temporary root, {@code build <root> <dref>} an open build; each
 * prints "ready" and waits until stdin closes (or the process is killed).
 */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        FileStore store = new FileStore(Paths.get(args[1]));
        DRef dref = DRef.parse(args[2]);
        if (args[0].equals("lock")) {
            try (StoreLock lock = store.lock(dref, Duration.ofSeconds(30)).orElseThrow()) {
                System.out.println("ready");
                System.out.flush();
                System.in.read();
            }
        } else if (args[0].equals("temproot")) {
            try (TempRoot root = store.addTempRoot(dref)) {
                System.out.println("ready");
                System.out.flush();
                System.in.read();
            }
        } else {
            try (PendingRealization p = store.begin(dref)) {
                Path out = p.out();
                Files.writeString(out.resolve("partial"), "x");
                System.out.println(out);
                System.out.println("ready");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
