package org.stagedml.reliability;

import java.nio.file.Path;
import java.util.Map;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.store.internal.FileStore;

/**
 * The process {@link SigkillIT} kills: the real FileStore and DefaultRealizer realizing, forever,
 * short sleeps (a build in flight most of the time) and an ever deeper example-chain (commits).
 * Args: store root, a tag unique to this trial.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        FileStore store = new FileStore(Path.of(args[0]));
        try (DefaultRealizer realizer = Support.realizer(store)) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 1; ; i++) {
                realizer.realize(realizer.instantiate("example-sleep", Map.of("seconds", 0.05, "tag", args[1] + "-" + i)),
                        RealizeOptions.defaults());
                realizer.realize(realizer.instantiate("example-chain", Map.of("depth", i)), RealizeOptions.defaults());
                System.out.println("DONE " + i);
                System.out.flush();
            }
        }
    }
}
