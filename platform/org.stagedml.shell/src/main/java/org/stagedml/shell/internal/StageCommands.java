package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.store.Store;

/**
 * Gogo commands of scope {@code stage}; a thin wrapper around {@link StageShell}. Registered as a
 * plain {@code Object} with the {@code osgi.command.*} properties (Gogo's whiteboard).
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=stage",
        "osgi.command.function=list",
        "osgi.command.function=show",
        "osgi.command.function=instantiate",
        "osgi.command.function=realize",
        "osgi.command.function=engines"})
public class StageCommands {
    static final String REALIZE_OPTIONS = "--force, --force-all, --instances N, --match SPEC, --dry-run, --no-root,"
            + " --keep-failed, --break STAGE, --break-all, --break-before STAGE, --fresh, --executor NAME, --detach";
    /** How long stage:engines waits for engine components that are starting to register their service. */
    private static final long ENGINE_WAIT_MS = 30_000;

    /** The session variable the one-shot launcher sets (see the runtime's GogoCommandRunner). */
    static final String ONE_SHOT = "stagedml.oneshot";
    private final StageShell shell;
    private final Realizer realizer;
    private final Store store;

    /** Holds builds paused at break points (absent in unit tests without one). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PauseBoard board;
    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Engine> engines = new ArrayList<>();

    /** The cluster executors a realize can be detached to (--detach). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<org.stagedml.api.execute.BuildExecutor> executors = new ArrayList<>();

    @Activate
    public StageCommands(@Reference Realizer realizer, @Reference Store store, @Reference ServiceComponentRuntime scr,
            BundleContext context) {
        this.context = context;
        this.scr = scr;
        this.realizer = realizer;
        this.store = store;
        this.shell = new StageShell(realizer, store, this::engineList);
    }

    private List<Engine> engineList() {
        List<Engine> e = engines;
        return e == null ? List.of() : List.copyOf(e);
    }

    @Descriptor("list the registered stages: name, version, bundle and description")
    public void list() {
        shell.list(System.out);
    }

    @Descriptor("show a stage: config fields with defaults and docs, dependencies, default matcher, resources")
    public void show(@Descriptor("the stage name") String name) {
        shell.show(System.out, name);
    }

    @Descriptor("compute a stage's closure without building: each derivation, in the store or would build")
    public void instantiate(@Descriptor("the stage name") String name,
            @Descriptor("config overrides key=value; dotted paths reach dependencies (glue.task=MRPC)") String... overrides)
            throws InterruptedException {
        shell.instantiate(System.out, name, Args.overrides(overrides, ""));
    }

    @Descriptor("realize a stage: build what is missing with live progress, keep the target under the GC root last-<stage>, print the selected rref(s) last; Ctrl-C cancels")
    public void realize(CommandSession session,
            @Descriptor("rebuild the target even when the store has a match")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("rebuild every derivation of the closure")
            @Parameter(names = {"--force-all"}, presentValue = "true", absentValue = "false") boolean forceAll,
            @Descriptor("build until the target has at least N realizations")
            @Parameter(names = {"-n", "--instances"}, absentValue = "1") int instances,
            @Descriptor("matcher for the target: only, latest[:n], best:metric[:n[:max|min]], some[:n], all, exact:rref[,rref]")
            @Parameter(names = {"-m", "--match"}, absentValue = "") String match,
            @Descriptor("say what would be built, build nothing")
            @Parameter(names = {"--dry-run"}, presentValue = "true", absentValue = "false") boolean dryRun,
            @Descriptor("do not keep the target under the GC root last-<stage> (set by default)")
            @Parameter(names = {"--no-root"}, presentValue = "true", absentValue = "false") boolean noRoot,
            @Descriptor("keep a failed build's output folder aside with its config, dependency paths and log (store:failed)")
            @Parameter(names = {"--keep-failed"}, presentValue = "true", absentValue = "false") boolean keepFailed,
            @Descriptor("pause every build before its commit (stage:continue, stage:abort)")
            @Parameter(names = {"--break-all"}, presentValue = "true", absentValue = "false") boolean breakAll,
            @Descriptor("start builds from zero: delete their checkpoints instead of resuming from them")
            @Parameter(names = {"--fresh"}, presentValue = "true", absentValue = "false") boolean fresh,
            @Descriptor("run the builds on this executor: local (this process) or a cluster's, e.g. slurm (default: the realizer's configuration)")
            @Parameter(names = {"--executor"}, absentValue = "") String executor,
            @Descriptor("with --executor: run the realize itself on the cluster and return at once, printing its job")
            @Parameter(names = {"--detach"}, presentValue = "true", absentValue = "false") boolean detach,
            @Descriptor("the stage name; --break <stage> pauses its builds before their commit, --break-before <stage> before build() (both repeatable)") String name,
            @Descriptor("config overrides key=value; dotted paths reach dependencies (glue.task=MRPC)") String... overrides) {
        PrintStream out = System.out;
        BreakWords words = BreakWords.parse(name, overrides);
        if (words.stage().startsWith("-")) {
            throw new org.stagedml.api.StagedmlException("unknown option '" + words.stage() + "'; the options are " + REALIZE_OPTIONS);
        }
        if (detach) {
            if (breakAll || !words.breakAfter().isEmpty() || !words.breakBefore().isEmpty() || dryRun) {
                throw new org.stagedml.api.StagedmlException("--detach cannot be combined with break points nor --dry-run");
            }
            // the client's environment (PATH, SLURM_CONF) when a server runs this: see SubmitterEnvironment
            org.stagedml.api.execute.SubmitterEnvironment.with(submitterEnvironment(session), () -> {
                DetachedRealize.submit(out, executors, executor, DetachedRealize.commandLine(executor, force, forceAll,
                        instances, match, noRoot, keepFailed, fresh, words.stage(), java.util.List.of(words.overrides())));
                return null;
            });
            return;
        }
        DebugRequest debug = new DebugRequest(keepFailed, words.breakAfter(), breakAll, words.breakBefore(), oneShot(session));
        StageShell.RealizeRequest request = new StageShell.RealizeRequest(words.stage(),
                Args.overrides(words.overrides(), REALIZE_OPTIONS), force, forceAll, instances, match, dryRun, noRoot, fresh);
        StageShell s = board == null ? shell : new StageShell(realizer, store, this::engineList, board);
        org.stagedml.api.execute.SubmitterEnvironment.with(submitterEnvironment(session),
                () -> s.realize(out, request, isTerminal(session), debug, executor.isBlank() ? null : executor));
    }

    /** The environment the client sent (a server runs this command for it); null: this process's. */
    static java.util.Map<String, String> submitterEnvironment(CommandSession session) {
        return session == null ? null : org.stagedml.api.execute.SubmitterEnvironment.decode(
                session.get(org.stagedml.api.execute.SubmitterEnvironment.SESSION_VARIABLE));
    }

    /** A bin/stagedml one-shot session (the runtime marks it): a paused realize waits instead of returning. */
    static boolean oneShot(CommandSession session) {
        return session != null && Boolean.TRUE.equals(session.get(ONE_SHOT));
    }

    /** A terminal gets redrawn progress bars; pipes, files and tests get plain lines. */
    static boolean isTerminal(CommandSession session) {
        if (Boolean.getBoolean("stagedml.plain")) {
            return false;
        }
        // gogo-jline keeps the console's terminal in ".terminal" (Shell.VAR_TERMINAL); the StagedML
        // server says whether its client's stdout is one in "stagedml.terminal"
        if (session != null && session.get("stagedml.terminal") instanceof Boolean client) {
            return client;
        }
        return (session != null && (session.get(".terminal") != null || session.get(".jline.terminal") != null))
                || System.console() != null;
    }

    @Descriptor("list the compute engines: name, version, backend, devices and GPUs (loads their native code)")
    public void engines(
            @Descriptor("also run a small matrix product on every device and print GFLOP/s, or what the host lacks")
            @Parameter(names = {"--check"}, presentValue = "true", absentValue = "false") boolean check)
            throws InterruptedException {
        awaitEngineComponents();
        shell.engines(System.out);
        List<Engine> e = engines;
        List<Engine> list = e == null ? List.of() : List.copyOf(e);
        EngineReport.gpus(System.out, list);
        if (check) {
            EngineReport.check(System.out, list);
        }
    }

    /**
     * A one-shot launch may run this before every engine component (ours or a third party's) has
     * registered its service: wait (bounded) until SCR says the components offering Engine are
     * satisfied; say which are not when the time is up.
     */
    private void awaitEngineComponents() throws InterruptedException {
        if (scr == null) {
            return; // outside a framework (unit tests): the engines are given
        }
        List<String> pending = PendingComponents.await(scr, context::getBundles,
                PendingComponents.providing(Engine.class.getName()), ENGINE_WAIT_MS);
        pending.forEach(p -> System.out.println("warning: engine not ready: " + p));
    }
}
