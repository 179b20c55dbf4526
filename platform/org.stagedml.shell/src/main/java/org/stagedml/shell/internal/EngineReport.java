package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.engine.Gpu;

/**
 * The GPU part of {@code stage:engines}: each engine's GPUs (index, name, memory), and with
 * {@code --check} a small matrix product on every device of every engine, in GFLOP/s, or the one
 * line saying what the engine lacks (a CUDA library, the versions it needs).
 */
final class EngineReport {
    private EngineReport() {
    }

    static void gpus(PrintStream out, List<Engine> engines) {
        out.println("GPUs:");
        for (Engine e : sorted(engines)) {
            try {
                List<Gpu> gpus = e.gpus();
                if (gpus.isEmpty()) {
                    out.println("  " + e.name() + ": none" + ("gpu".equals(e.backend()) ? " visible"
                            : " (a " + e.backend() + " build; the GPU distribution has the CUDA natives)"));
                }
                gpus.forEach(g -> out.println("  " + e.name() + ": " + g));
            } catch (RuntimeException ex) {
                out.println("  " + e.name() + ": unavailable: " + Text.oneLine(ex));
            }
        }
    }

    static void check(PrintStream out, List<Engine> engines) {
        out.println("check (matrix product per device):");
        for (Engine e : sorted(engines)) {
            try {
                e.check().forEach(line -> out.println("  " + e.name() + ": " + line));
            } catch (RuntimeException | LinkageError ex) {
                out.println("  " + e.name() + ": cannot compute: " + Text.oneLine(ex));
            }
        }
    }

    private static List<Engine> sorted(List<Engine> engines) {
        return engines.stream().sorted(Comparator.comparing(Engine::name)).toList();
    }
}
