package org.stagedml.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.realize.StageSummary;
import org.stagedml.api.store.Store;

/** The behaviour of the {@code stage:} commands, over a Realizer; writes to the given stream. */
public final class StageShell {
    /** How long a cancelled job may take to clean up before the command gives up waiting. */
    private static final long CANCEL_WAIT_MS = 30_000;
    private final Realizer realizer;
    private final Store store;
    private final Supplier<List<Engine>> engines;

    private final PauseBoard board;

    /**
     * @param store where realize reads back the GC root it asked the realizer to set (null: not reported)
     */
    public StageShell(Realizer realizer, Store store, Supplier<List<Engine>> engines) {
        this(realizer, store, engines, null);
    }

    /** @param board where builds paused at break points wait for stage:continue (null: no break points) */
    public StageShell(Realizer realizer, Store store, Supplier<List<Engine>> engines, PauseBoard board) {
        this.realizer = realizer;
        this.store = store;
        this.engines = engines;
        this.board = board;
    }

    /**
     * What {@code stage:realize} was asked for.
     *
     * @param noRoot do not keep the target under the automatic GC root {@code last-<stage>}
     */
    public record RealizeRequest(String stage, Map<String, String> overrides, boolean force, boolean forceAll,
            int instances, String match, boolean dryRun, boolean noRoot, boolean fresh) {
        /** A request that resumes builds from their checkpoints. */
        public RealizeRequest(String stage, Map<String, String> overrides, boolean force, boolean forceAll,
                int instances, String match, boolean dryRun, boolean noRoot) {
            this(stage, overrides, force, forceAll, instances, match, dryRun, noRoot, false);
        }

        public RealizeRequest(String stage, Map<String, String> overrides, boolean force, boolean forceAll,
                int instances, String match, boolean dryRun) {
            this(stage, overrides, force, forceAll, instances, match, dryRun, false);
        }
    }

    public void list(PrintStream out) {
        List<StageSummary> stages = realizer.stageSummaries(); // activates no stage
        if (stages.isEmpty()) {
            out.println("no stages registered (install a model or dataset bundle)");
            return;
        }
        Table t = new Table("STAGE", "VERSION", "BUNDLE", "DESCRIPTION");
        for (StageSummary s : stages) {
            t.row(s.name(), s.version(), s.bundle() + (s.bundleVersion().isEmpty() ? "" : " " + s.bundleVersion()),
                    s.description());
        }
        t.print(out);
        for (Map.Entry<String, List<String>> c : realizer.clashes().entrySet()) {
            out.println("warning: stage '" + c.getKey() + "' is registered by several bundles: " + c.getValue());
        }
    }

    public void show(PrintStream out, String name) {
        StageInfo s = stage(name);
        out.println("stage:       " + s.name() + " (version " + s.version() + ")");
        out.println("bundle:      " + s.bundle() + (s.bundleVersion().isEmpty() ? "" : " " + s.bundleVersion()));
        out.println("description: " + s.description());
        out.println("matcher:     " + s.defaultMatcher());
        out.println("resources:   " + (s.resources() != null ? s.resources() : "unknown"));
        if (s.problem() != null) {
            out.println("problem:     " + s.problem());
        }
        out.println("config:");
        Table t = new Table("  FIELD", "TYPE", "DEFAULT", "DOC");
        for (FieldSpec f : s.schema().fields()) {
            String type = f.type() == FieldType.CHOICE && !f.allowed().isEmpty()
                    ? "choice " + String.join("|", f.allowed())
                    : f.type() == FieldType.STAGE
                    ? "stage" + (f.allowed().isEmpty() ? "" : " providing " + String.join("|", f.allowed()))
                    : f.type().name().toLowerCase(java.util.Locale.ROOT);
            t.row("  " + f.name(), type, f.isRequired() ? "(required)" : value(f.defaultValue()), f.doc());
        }
        if (t.isEmpty()) {
            out.println("  (no fields)");
        } else {
            t.print(out);
        }
        out.println("dependencies:");
        boolean chosen = s.schema().fields().stream().anyMatch(f -> f.type() == FieldType.STAGE);
        if (!s.dependencies().isEmpty()) {
            Table d = new Table("  FIELD", "STAGE");
            s.dependencies().forEach((field, stage) -> d.row("  " + field, stage));
            d.print(out);
        } else if (!chosen) {
            out.println("  (none)");
        }
        s.schema().fields().stream().filter(f -> f.type() == FieldType.STAGE).forEach(f -> out.println("  " + f.name()
                + ": the stage its config field names (" + f.name() + "=<stage> " + f.name() + ".<field>=<value>)"));
    }

    private static String value(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private StageInfo stage(String name) {
        if (name == null || name.isBlank()) {
            throw new StagedmlException("give a stage name; see stage:list");
        }
        return realizer.stage(name).orElseThrow(() -> new StageNotFoundException(name));
    }

    /** Prints the closure, derivation by derivation, saying which are in the store and which would build. */
    public Closure instantiate(PrintStream out, String name, Map<String, String> overrides) throws InterruptedException {
        Closure c = realizer.instantiate(name, overrides);
        Set<DRef> wouldBuild = wouldBuild(c);
        out.println("closure of " + name + ": " + c.nodes().size() + " derivation(s), dependencies first");
        int building = 0;
        for (Closure.Node n : c.nodes()) {
            boolean build = wouldBuild == null ? n.realizations() == 0 : wouldBuild.contains(n.dref());
            building += build ? 1 : 0;
            String state = build ? "would build" + (n.realizations() > 0 ? " (" + n.realizations() + " in store)" : "")
                    : "in store (" + n.realizations() + " realization" + (n.realizations() == 1 ? "" : "s") + ")";
            out.println("  " + n.dref() + "  " + state);
            n.dependencies().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println("      " + e.getKey() + " -> " + e.getValue()));
        }
        out.println(building == 0 ? "nothing to build" : building + " derivation(s) would build");
        out.println("target: " + c.target());
        return c;
    }

    /** The derivations a dry run says would build; null when the dry run itself fails. */
    private Set<DRef> wouldBuild(Closure c) throws InterruptedException {
        try {
            RealizeJob job = realizer.submit(c, RealizeOptions.defaults().withDryRun(true));
            try {
                job.await();
            } catch (StagedmlException e) {
                // a dry run may still say what it would build
            }
            return new HashSet<>(job.built());
        } catch (StagedmlException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Realizes with live progress; prints the selected RRefs last, one per line. The calling
     * thread being interrupted (Ctrl-C) cancels the job, waits for its cleanup and throws
     * CancelledException.
     */
    public List<RRef> realize(PrintStream out, RealizeRequest r, boolean terminal) {
        return realize(out, r, terminal, DebugRequest.NONE);
    }

    /**
     * Realizes as above, keeping failed builds aside and pausing at break points as {@code debug}
     * says. Paused in an interactive shell, it returns (an empty list) after printing the pause:
     * stage:continue goes on; in a one-shot process ({@link DebugRequest#oneShot}) it waits.
     */
    public List<RRef> realize(PrintStream out, RealizeRequest r, boolean terminal, DebugRequest debug) {
        return realize(out, r, terminal, debug, null);
    }

    /** Realizes as above, with the builds run by the named executor (null: the realizer's configured one). */
    public List<RRef> realize(PrintStream out, RealizeRequest r, boolean terminal, DebugRequest debug, String executor) {
        if (r.instances() < 1) {
            throw new StagedmlException("--instances must be at least 1, got " + r.instances());
        }
        RealizeOptions options = RealizeOptions.defaults().withInstances(r.instances()).withDryRun(r.dryRun())
                .withExecutor(executor).withFresh(r.fresh());
        if (r.match() != null && !r.match().isBlank()) {
            try {
                options = options.withMatcher(Matchers.parse(r.match()));
            } catch (IllegalArgumentException e) {
                throw new StagedmlException(Text.oneLine(e));
            }
        }
        stage(r.stage());
        Closure closure = realizer.instantiate(r.stage(), r.overrides());
        if (r.forceAll()) {
            options = options.withForceAll(true);
        } else if (r.force()) {
            // the target's DRef, not its stage name: a dependency of the same stage is not forced
            options = options.withForce(closure.target().toString());
        }
        if (!r.noRoot() && !r.dryRun()) {
            options = options.withLastRoot(); // the realizer's policy: last-<stage>, set while it holds the closure
        }
        debug.check(closure);
        options = debug.apply(options, board);
        ProgressPrinter progress = new ProgressPrinter(out, terminal);
        java.time.Instant submitted = java.time.Instant.now();
        RealizeJob job = realizer.submit(closure, options.withListener(progress));
        // bin/stagedml ends with the JVM on Ctrl-C: cancel from a shutdown hook, so that the builds
        // stop and clean up before the process goes (the interactive shell interrupts us instead)
        Thread onExit = new Thread(() -> cancelAndWait(job), "stagedml-realize-cancel");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            if (debug.pauses() && !board.follow(out, new HeldRealize(job, closure, r, progress), debug.oneShot())) {
                return List.of(); // paused: stage:continue goes on
            }
            return finish(out, new HeldRealize(job, closure, r, progress));
        } catch (InterruptedException e) {
            throw cancel(out, job, r.stage());
        } catch (StagedmlException e) {
            if (debug.keepFailed()) {
                new FailedBuildsShell(store).printKeptSince(out, submitted);
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /**
     * Goes on with a realize that was paused (after stage:continue, stage:skip or stage:abort
     * resolved its pause): follows it to its end, or to its next pause.
     */
    public List<RRef> resume(PrintStream out, HeldRealize h) {
        try {
            if (!board.follow(out, h, false)) {
                return List.of();
            }
            return finish(out, h);
        } catch (InterruptedException e) {
            throw cancel(out, h.job(), h.request().stage());
        }
    }

    /** Waits for the end of a followed realize, prints what it did and the selected RRefs last. */
    private List<RRef> finish(PrintStream out, HeldRealize h) throws InterruptedException {
        RealizeRequest r = h.request();
        RealizeJob job = h.job();
        ProgressPrinter progress = h.progress();
        progress.follow(job);
        List<RRef> result;
        try {
            result = job.await();
        } catch (CancelledException e) {
            out.println("cancelled: realize of " + r.stage());
            out.flush();
            throw e;
        }
        if (r.dryRun()) {
            List<DRef> built = job.built();
            out.println(built.isEmpty() ? "dry run: nothing to build"
                    : "dry run: " + built.size() + " derivation(s) would build:");
            built.forEach(d -> out.println("  " + d));
        } else {
            if (progress.built() + progress.cached() > 0) {
                out.println("done: " + progress.built() + " built, " + progress.cached() + " from store");
            }
            if (!r.noRoot()) {
                reportLastRoot(out, h.closure().target());
            }
        }
        result.forEach(out::println);
        out.flush();
        return result;
    }

    /**
     * Says where the root {@code last-<stage>} points: the realizer pointed it at the target
     * derivation, so that gc keeps what the user last realized of each stage until the root is
     * removed or moved by the next realize. A root the realizer could not set is a warning (it
     * said why in its log events), not a failure: the realization exists.
     */
    private void reportLastRoot(PrintStream out, DRef target) {
        if (store == null) {
            return;
        }
        String name = RealizeOptions.lastRootName(target.name());
        if (target.equals(store.roots().get(name))) {
            out.println("root       " + name + " -> " + target);
        } else {
            out.println("warning: the root " + name + " does not point at " + target + " (see store:roots)");
        }
    }

    private static CancelledException cancel(PrintStream out, RealizeJob job, String stage) {
        cancelAndWait(job);
        out.println("cancelled: realize of " + stage + (job.isDone() ? "" : " (builds still stopping)"));
        out.flush();
        return new CancelledException("realize of " + stage + " cancelled");
    }

    /** Cancels and waits (bounded) for the builds to stop and clean up; a second interrupt stops waiting. */
    private static void cancelAndWait(RealizeJob job) {
        job.cancel();
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MS;
        while (!job.isDone() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException again) {
                return;
            }
        }
    }

    public void engines(PrintStream out) {
        List<Engine> list = new ArrayList<>(engines.get());
        if (list.isEmpty()) {
            out.println("no engine services registered");
            return;
        }
        list.sort(java.util.Comparator.comparing(Engine::name));
        Table t = new Table("ENGINE", "VERSION", "BACKEND", "DEVICES");
        for (Engine e : list) {
            String devices;
            try {
                devices = String.join(", ", e.devices());
            } catch (Throwable ex) {
                devices = "unavailable: " + Text.oneLine(ex);
            }
            t.row(e.name(), e.version(), e.backend(), devices);
        }
        t.print(out);
    }
}
