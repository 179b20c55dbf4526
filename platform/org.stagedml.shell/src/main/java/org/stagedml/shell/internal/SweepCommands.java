package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.sweep.SweepRange;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.api.sweep.Sweeper;

/** The Gogo command {@code stage:sweep}, a thin wrapper around the {@link Sweeper} service. */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=sweep"})
public class SweepCommands {
    static final String OPTIONS = "--random N, --seed S, --instances K, --metric NAME[:max|min], --executor local";
    /** How long Ctrl-C (the JVM ending) waits for the sweep to cancel its builds and clean up. */
    private static final long EXIT_WAIT_MS = 35_000;
    private final Sweeper sweeper;

    @Activate
    public SweepCommands(@Reference Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Descriptor("realize many configurations of a stage in parallel (within the realizer's slots), rank them by a metric,"
            + " plot them, keep them under the GC roots sweep-<stage>-<n>[.<i>]; prints the best rref last; Ctrl-C cancels all")
    public void sweep(
            @Descriptor("draw N random points from the key=lo..hi ranges (key=lo..hi:log for a log scale)")
            @Parameter(names = {"--random"}, absentValue = "0") int random,
            @Descriptor("the seed of the random draws")
            @Parameter(names = {"--seed"}, absentValue = "0") long seed,
            @Descriptor("realizations per configuration: the table shows mean and spread over them")
            @Parameter(names = {"-n", "--instances"}, absentValue = "1") int instances,
            @Descriptor("the metric to rank by, name[:max|min] (default: the stage's default matcher's)")
            @Parameter(names = {"--metric"}, absentValue = "") String metric,
            @Descriptor("where builds run: local (the only executor so far)")
            @Parameter(names = {"--executor"}, absentValue = "local") String executor,
            @Descriptor("the stage name") String stage,
            @Descriptor("key=v1,v2,... values to try (their product); key=lo..hi[:log] ranges for --random") String... words)
            throws InterruptedException {
        run(System.out, spec(stage, words, random, seed, instances, metric, executor));
    }

    /** Parses the command line into a spec; a clear error for each mistake. */
    static SweepSpec spec(String stage, String[] words, int random, long seed, int instances, String metric,
            String executor) {
        if (!"local".equals(executor)) {
            throw new StagedmlException("executor '" + executor + "' does not exist: the only executor is local"
                    + " (builds in this process within the realizer's slots); a Slurm executor is not written yet");
        }
        if (stage.startsWith("-")) {
            throw new StagedmlException("unknown option '" + stage + "'; the options are " + OPTIONS);
        }
        Map<String, List<String>> grid = new LinkedHashMap<>();
        List<SweepRange> ranges = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : Args.overrides(words, OPTIONS).entrySet()) {
                String v = e.getValue();
                if (v.contains("..")) {
                    boolean log = v.endsWith(":log");
                    ranges.add(SweepRange.parse(e.getKey(), log ? v.substring(0, v.length() - 4) : v, log));
                } else {
                    grid.put(e.getKey(), Arrays.stream(v.split(",", -1)).map(String::trim).toList());
                    if (grid.get(e.getKey()).contains("")) {
                        throw new IllegalArgumentException("'" + e.getKey() + "=" + v + "' has an empty value; write "
                                + e.getKey() + "=v1,v2");
                    }
                }
            }
            return new SweepSpec(stage, grid, random, ranges, seed, instances, metric);
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(e.getMessage());
        }
    }

    /**
     * Runs the sweep printing as it goes. bin/stagedml ends with the JVM on Ctrl-C: a shutdown hook
     * then interrupts the sweep (which cancels its builds) and waits for it to clean up.
     */
    SweepResult run(PrintStream out, SweepSpec spec) throws InterruptedException {
        Thread sweeping = Thread.currentThread();
        try (ExitHook onExit = new ExitHook("stagedml-sweep-cancel", () -> {
            sweeping.interrupt();
            try {
                sweeping.join(EXIT_WAIT_MS);
            } catch (InterruptedException e) {
                // the JVM is going anyway
            }
        })) {
            out.println("sweep of " + spec.stage() + ": varying " + String.join(", ", spec.keys()) + ", "
                    + spec.instances() + " instance(s) each, executor local");
            SweepResult r = sweeper.sweep(spec, SweepReport.progress(out));
            SweepReport.print(out, r);
            return r;
        } catch (org.stagedml.api.CancelledException e) {
            out.println("cancelled: " + e.getMessage());
            out.flush();
            throw e;
        }
    }
}
