package org.stagedml.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.store.GcReport;
import org.stagedml.store.internal.FileStore;

/** Another process collecting garbage in a loop until a stop file appears. Args: store root, stop file. */
public final class GcLoopChild {
    private GcLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        FileStore store = new FileStore(Path.of(args[0]));
        Path stop = Path.of(args[1]);
        int runs = 0;
        int removed = 0;
        int skipped = 0;
        System.out.println("READY");
        System.out.flush();
        while (!Files.exists(stop)) {
            GcReport r = store.gc(false);
            runs++;
            removed += r.removed().size();
            skipped += r.skipped().size();
            Thread.sleep(5);
        }
        System.out.println("GC runs=" + runs + " removed=" + removed + " skipped=" + skipped);
    }
}
