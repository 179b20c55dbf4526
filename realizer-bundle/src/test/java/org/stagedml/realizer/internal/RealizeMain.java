package org.stagedml.realizer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeOptions;

/** A child process for {@link CrossProcessTest}: realizes example-sleep on a store root, prints what it did. */
final class RealizeMain {
    private RealizeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Fixture f = new Fixture(Path.of(args[0]))) {
            List<RRef> r = f.realizer.realize(f.instantiate("example-sleep", Map.of("seconds", args[1])),
                    RealizeOptions.defaults());
            System.out.println("BUILT " + f.events.count(RealizeEvent.Type.STARTED, "example-sleep"));
            System.out.println("RESULT " + r.get(0));
        }
    }
}
