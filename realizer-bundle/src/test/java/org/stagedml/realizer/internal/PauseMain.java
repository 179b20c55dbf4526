package org.stagedml.realizer.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.RealizeOptions;

/** A child process for {@link PausedKillTest}: realizes example-hello with a break point and stays paused. */
final class PauseMain {
    private PauseMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Fixture f = new Fixture(Path.of(args[0]))) {
            BreakPoints b = new BreakPoints(Set.of("example-hello"), false, Set.of(), p -> {
                System.out.println("PAUSED " + p.out());
                System.out.flush();
            });
            f.realizer.realize(f.instantiate("example-hello", Map.of("greeting", "killed")),
                    RealizeOptions.defaults().withBreaks(b));
            System.out.println("NOT REACHED: the pause was never resolved");
        }
    }
}
