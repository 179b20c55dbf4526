package org.stagedml.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** mount(8) for the fault tests: a small tmpfs, a read-only bind mount. Skips (with the reason) where not allowed. */
final class Mounts {
    private Mounts() {
    }

    static void mount(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("mount"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && p.exitValue() == 0,
                "skipped: this machine does not allow '" + String.join(" ", cmd) + "' (" + out.trim() + "); run as root where mount works");
    }

    static void umount(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
    }
}
