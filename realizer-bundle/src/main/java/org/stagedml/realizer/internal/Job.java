package org.stagedml.realizer.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.store.BuildMetadata;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.Store;
import org.stagedml.api.store.StoreLock;
import org.stagedml.api.store.TempRoot;

/**
 * One realize: walks the closure in dependency order. A coordinator thread evaluates each node
 * whose dependencies are done (cheap: list and match); nodes that need a build go to build
 * threads, which take the store's per-derivation lock, re-check (another thread or process may
 * have built it meanwhile), wait for resource slots, build and commit. A failed node stops its
 * dependents only; independent branches finish; the job then fails with the first failure.
 *
 * <p>The coordinator holds a temporary GC root on every node from before it lists the node's
 * realizations until the job ends, so that a concurrent gc (in any process) never removes a
 * realization the job has selected or a build is reading.
 */
final class Job implements RealizeJob {
    private static final System.Logger LOG = System.getLogger(Job.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final long id = IDS.incrementAndGet();
    private final Closure closure;
    private final RealizeOptions options;
    private final DefaultRealizer realizer;
    private final Store store;
    private final CompletableFuture<List<RRef>> result = new CompletableFuture<>();
    private final Map<DRef, List<RRef>> selected = new ConcurrentHashMap<>();
    private final Set<DRef> builtSet = ConcurrentHashMap.newKeySet();
    private final Queue<DRef> built = new ConcurrentLinkedQueue<>(); // builtSet, in order
    private final Set<BuildTask> tasks = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final List<TempRoot> tempRoots = new ArrayList<>(); // the coordinator's only
    private volatile boolean cancelled;

    /** The end of one node's build: its selection, or the error that stopped it. */
    private record Outcome(Closure.Node node, List<RRef> selection, StagedmlException error) {
    }

    Job(Closure closure, RealizeOptions options, DefaultRealizer realizer) {
        this.closure = closure;
        this.options = options;
        this.realizer = realizer;
        this.store = realizer.store();
    }

    void start() {
        realizer.executor().execute(this::coordinate);
    }

    // ---- RealizeJob --------------------------------------------------------------------------

    @Override
    public long id() {
        return id;
    }

    @Override
    public Closure closure() {
        return closure;
    }

    @Override
    public List<RRef> await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new StagedmlException("realize of " + closure.target() + " failed: " + c, c);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        for (BuildTask t : tasks) {
            t.cancel("realize of " + closure.target() + " was cancelled");
        }
        outcomes.offer(new Outcome(null, null, null)); // wakes the coordinator
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public Map<DRef, List<RRef>> selected() {
        return Map.copyOf(selected);
    }

    @Override
    public List<DRef> built() {
        return List.copyOf(built);
    }

    /** Waits at most that long for the job to end, however it ends; false on timeout. */
    boolean awaitEnd(long nanos) {
        try {
            result.handle((r, e) -> null).get(Math.max(0, nanos), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    Collection<BuildTask> tasks() {
        return tasks;
    }

    // ---- coordination ------------------------------------------------------------------------

    private void coordinate() {
        List<RRef> target = null;
        Throwable failure = null;
        try {
            target = walk();
            String root = options.lastRoot() ? RealizeOptions.lastRootName(closure.target().name()) : options.root();
            if (root != null && !options.dryRun()) {
                keepUnderRoot(root);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            letGoOfTempRoots(); // before the caller hears of the end: a root must be in place first
        }
        try {
            if (failure == null) {
                result.complete(target);
            } else {
                result.completeExceptionally(failure instanceof StagedmlException se ? se
                        : new StagedmlException("realize of " + closure.target() + " failed: " + failure, failure));
            }
        } finally {
            realizer.jobDone(this);
        }
    }

    /**
     * Takes a temporary root on a node before listing its realizations, and keeps it until the
     * job ends: a gc must not remove what this job has selected, nor what a build reads.
     */
    private void holdTempRoot(Closure.Node n) throws InterruptedException {
        try {
            tempRoots.add(store.addTempRoot(n.dref()));
        } catch (IOException e) {
            throw new StagedmlException("store error while realizing " + n.dref() + ": cannot take a temporary GC root: "
                    + e.getMessage(), e);
        }
    }

    private void letGoOfTempRoots() {
        tempRoots.forEach(TempRoot::close);
        tempRoots.clear();
    }

    /** Points the GC root at the target while this job still holds the closure; a failure is only a warning. */
    private void keepUnderRoot(String name) {
        try {
            store.addRoot(name, closure.target());
            emit(RealizeEvent.Type.LOG, closure.target(), null, -1, "root " + name + " -> " + closure.target());
        } catch (IOException | RuntimeException e) {
            emit(RealizeEvent.Type.LOG, closure.target(), null, -1, "warning: could not set root " + name + ": "
                    + e.getMessage());
        }
    }

    private List<RRef> walk() throws InterruptedException {
        Map<DRef, Integer> waiting = new HashMap<>();
        Map<DRef, List<Closure.Node>> dependents = new HashMap<>();
        Deque<Closure.Node> ready = new ArrayDeque<>();
        for (Closure.Node n : closure.nodes()) {
            Set<DRef> deps = new HashSet<>(n.dependencies().values());
            waiting.put(n.dref(), deps.size());
            for (DRef d : deps) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
            }
            if (deps.isEmpty()) {
                ready.add(n);
            }
        }
        Set<DRef> wouldBuild = new HashSet<>();
        Deque<Closure.Node> toBuild = new ArrayDeque<>();
        StagedmlException failure = null;
        int inFlight = 0;
        while (true) {
            while (!ready.isEmpty() && !cancelled) {
                Closure.Node n = ready.poll();
                boolean done;
                try {
                    done = evaluate(n, wouldBuild);
                } catch (RuntimeException e) { // a matcher or the store refused: this branch stops
                    StagedmlException se = e instanceof StagedmlException s ? s
                            : new StagedmlException("cannot realize " + n.dref() + ": " + e, e);
                    failure = failure == null ? se : failure;
                    emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, se.getMessage());
                    continue;
                }
                if (done) {
                    release(n, dependents, waiting, ready);
                } else {
                    toBuild.add(n);
                }
            }
            // a build thread mostly waits for a slot, so keeping a few more in flight than there are
            // slots is enough; a wide DAG must not start thousands of waiting threads
            while (!toBuild.isEmpty() && !cancelled && inFlight < realizer.maxBuildsInFlight()) {
                inFlight++;
                launch(toBuild.poll());
            }
            if (inFlight == 0) {
                break;
            }
            Outcome o = outcomes.take();
            if (o.node() == null) {
                continue; // a wake-up from cancel()
            }
            inFlight--;
            if (o.error() == null) {
                selected.put(o.node().dref(), o.selection());
                release(o.node(), dependents, waiting, ready);
            } else if (failure == null || (failure instanceof CancelledException
                    && !(o.error() instanceof CancelledException))) {
                failure = o.error(); // a real failure is more telling than a cancellation it caused
            }
        }
        if (cancelled) {
            throw new CancelledException("realize of " + closure.target() + " was cancelled");
        }
        if (failure != null) {
            throw failure;
        }
        if (options.dryRun()) {
            return List.of();
        }
        List<RRef> target = selected.get(closure.target());
        if (target == null) {
            throw new StagedmlException("realize of " + closure.target() + " ended without selecting it");
        }
        return target;
    }

    private static void release(Closure.Node n, Map<DRef, List<Closure.Node>> dependents,
            Map<DRef, Integer> waiting, Deque<Closure.Node> ready) {
        for (Closure.Node d : dependents.getOrDefault(n.dref(), List.of())) {
            int left = waiting.merge(d.dref(), -1, Integer::sum);
            if (left == 0) {
                ready.add(d);
            }
        }
    }

    /** Records a built derivation once (addIfAbsent alone would be quadratic in a wide closure). */
    private void markBuilt(DRef d) {
        if (builtSet.add(d)) {
            built.add(d);
        }
    }

    /** Serves a node from the store (true), or says it needs a build (false). In a dry run nothing is built. */
    private boolean evaluate(Closure.Node n, Set<DRef> wouldBuild) throws InterruptedException {
        if (options.dryRun()) {
            boolean depBuilds = n.dependencies().values().stream().anyMatch(wouldBuild::contains);
            if (depBuilds || options.forces(n.dref()) || needed(n, matching(n)) > 0) {
                wouldBuild.add(n.dref());
                markBuilt(n.dref());
                return true;
            }
        } else {
            holdTempRoot(n);
            if (options.forces(n.dref())) {
                return false;
            }
        }
        List<RealizationInfo> existing = matching(n);
        if (needed(n, existing) > 0) {
            return false;
        }
        List<RRef> selection = select(n, existing);
        selected.put(n.dref(), selection);
        emit(RealizeEvent.Type.CACHED, n.dref(), selection.get(0), -1, "served from the store");
        return true;
    }

    private boolean isTarget(Closure.Node n) {
        return n.dref().equals(closure.target());
    }

    private Matcher matcher(Closure.Node n) {
        if (isTarget(n) && options.matcher() != null) {
            return options.matcher();
        }
        return realizer.registry().find(n.dref().name()).map(s -> s.stage().defaultMatcher())
                .orElse(Matchers.latest(1));
    }

    /** How many builds a node needs, given the realizations that match its dependencies. */
    private int needed(Closure.Node n, List<RealizationInfo> existing) {
        int missing = matcher(n).missing(existing);
        if (isTarget(n) && options.instances() > 1) {
            missing = Math.max(missing, options.instances() - existing.size());
        }
        return Math.max(0, missing);
    }

    private List<RRef> select(Closure.Node n, List<RealizationInfo> existing) {
        Matcher m = matcher(n);
        List<RRef> selection = m.select(existing);
        if (selection == null || selection.isEmpty()) {
            throw new StagedmlException("no realization of " + n.dref() + " matches '" + m.spec() + "' ("
                    + existing.size() + " built against the selected dependencies); realize it with another matcher");
        }
        return List.copyOf(selection);
    }

    /** The realizations of a node built against exactly the realizations selected for its dependencies in this run. */
    private List<RealizationInfo> matching(Closure.Node n) {
        Map<DRef, Set<RRef>> expected = new HashMap<>();
        for (DRef d : n.dependencies().values()) {
            expected.put(d, new HashSet<>(selected.getOrDefault(d, List.of())));
        }
        List<RealizationInfo> out = new ArrayList<>();
        for (RealizationInfo r : store.realizations(n.dref())) {
            if (r.context().size() != expected.size()) {
                continue;
            }
            boolean ok = true;
            for (Map.Entry<DRef, List<RRef>> e : r.context().entrySet()) {
                Set<RRef> want = expected.get(e.getKey());
                if (want == null || !want.equals(new HashSet<>(e.getValue()))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(r);
            }
        }
        return out;
    }

    // ---- builds ------------------------------------------------------------------------------

    private void launch(Closure.Node n) {
        Optional<RegisteredStage> stage = realizer.registry().find(n.dref().name());
        if (stage.isEmpty()) {
            StagedmlException e;
            try {
                realizer.registry().get(n.dref().name());
                e = new StagedmlException("stage '" + n.dref().name() + "' is not available");
            } catch (StagedmlException notFound) {
                e = notFound;
            }
            StagedmlException err = new StagedmlException("cannot build " + n.dref() + ": " + e.getMessage(), e);
            emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, err.getMessage());
            outcomes.add(new Outcome(n, null, err));
            return;
        }
        BuildTask task = new BuildTask(stage.get());
        tasks.add(task);
        if (cancelled) { // cancel() may have run between the coordinator's check and the add
            task.cancel("realize of " + closure.target() + " was cancelled");
        }
        realizer.executor().execute(() -> {
            task.attach();
            Outcome o;
            try {
                o = new Outcome(n, buildLocked(n, task), null);
            } catch (StagedmlException e) {
                o = new Outcome(n, null, e);
            } catch (Throwable t) {
                o = new Outcome(n, null, new StagedmlException("build of " + n.dref() + " failed: " + t, t));
            } finally {
                tasks.remove(task);
                task.detach();
            }
            if (o.error() != null && !task.failureReported()) {
                emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, o.error().getMessage());
            }
            outcomes.add(o);
        });
    }

    private CancelledException cancelledException(Closure.Node n, BuildTask task) {
        return new CancelledException("build of stage '" + n.dref().name() + "' (" + n.dref() + ") cancelled: "
                + (task.cancelReason() == null ? "interrupted" : task.cancelReason()));
    }

    /** Under the derivation's lock: re-check, then build as many as still needed, then select. */
    private List<RRef> buildLocked(Closure.Node n, BuildTask task) {
        RegisteredStage stage = task.stage();
        if (stage.stage().version() != n.derivation().version()) {
            throw new StagedmlException("cannot build " + n.dref() + ": it was instantiated for version "
                    + n.derivation().version() + " of stage '" + n.dref().name() + "', but version "
                    + stage.stage().version() + " is registered now; instantiate it again");
        }
        StoreLock lock = null;
        try {
            Optional<StoreLock> held = store.lock(n.dref(), Duration.ZERO);
            if (held.isEmpty()) {
                emit(RealizeEvent.Type.LOG, n.dref(), null, -1, "waiting for another build of " + n.dref());
                held = store.lock(n.dref(), null);
            }
            lock = held.orElseThrow(() -> new StagedmlException("could not lock " + n.dref()));
            // under the lock, so that a GC cannot remove the document between here and the commit;
            // idempotent, and the document may have been collected since instantiate
            store.addDerivation(n.derivation());
            if (task.cancelled()) {
                throw cancelledException(n, task);
            }
            List<RealizationInfo> existing = matching(n);
            int count = options.forces(n.dref()) ? (isTarget(n) ? options.instances() : 1) : needed(n, existing);
            if (count == 0) {
                List<RRef> selection = select(n, existing);
                emit(RealizeEvent.Type.CACHED, n.dref(), selection.get(0), -1, "built meanwhile by another realize");
                return selection;
            }
            buildInstances(n, task, count);
            return select(n, matching(n));
        } catch (InterruptedException e) {
            throw cancelledException(n, task);
        } catch (IOException e) {
            throw new StagedmlException("store error while building " + n.dref() + ": " + e.getMessage(), e);
        } finally {
            task.clearInterrupt();
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Builds {@code count} realizations; several instances build in parallel, each within its own
     * slots (the lock, held by this thread, covers them all). Fails with the first failure, after
     * every instance has ended.
     */
    private void buildInstances(Closure.Node n, BuildTask task, int count) throws InterruptedException, IOException {
        if (count == 1) {
            buildOnce(n, task, 0);
            return;
        }
        List<java.util.concurrent.Future<Throwable>> others = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int instance = i;
            others.add(realizer.executor().submit(() -> {
                task.attach();
                try {
                    buildOnce(n, task, instance);
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    task.detachThread();
                }
            }));
        }
        Throwable first = null;
        try {
            buildOnce(n, task, 0);
        } catch (Throwable t) {
            first = t;
        }
        for (java.util.concurrent.Future<Throwable> f : others) {
            Throwable t;
            while (true) {
                try {
                    t = f.get();
                    break;
                } catch (InterruptedException e) {
                    // a cancel interrupts this thread too; the instances stop on their own
                } catch (ExecutionException e) {
                    t = e.getCause();
                    break;
                }
            }
            if (first == null || (first instanceof CancelledException && t != null
                    && !(t instanceof CancelledException))) {
                first = t == null ? first : t;
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        } else if (first instanceof InterruptedException ie) {
            throw ie;
        } else if (first instanceof IOException io) {
            throw io;
        } else if (first != null) {
            throw new StagedmlException("build of " + n.dref() + " failed: " + first, first);
        }
    }

    private void buildOnce(Closure.Node n, BuildTask task, int instance) throws InterruptedException, IOException {
        RegisteredStage stage = task.stage();
        if (task.cancelled() || !realizer.registry().isCurrent(stage) && cancelGone(task)) {
            throw cancelledException(n, task);
        }
        Resources resources;
        try {
            resources = stage.stage().resources(n.derivation().config());
        } catch (RuntimeException e) {
            resources = Resources.DEFAULT;
        }
        try (ResourceSlots.Grant grant = realizer.slots().acquire(resources);
                PendingRealization pending = store.begin(n.dref())) {
            Map<DRef, List<RRef>> context = new LinkedHashMap<>();
            for (DRef d : n.dependencies().values()) {
                context.put(d, selected.get(d));
            }
            StageBuildContext ctx = new StageBuildContext(n.dref(), n.derivation().config(), pending.out(), instance,
                    context, store, realizer.navigator(), grant.devices(), pending.meta().resolve("build.log"),
                    () -> task.cancelled() || cancelled,
                    (type, args) -> emit(type, n.dref(), null, type == RealizeEvent.Type.PROGRESS ? (double) args[0] : -1,
                            (String) args[args.length - 1]));
            Instant started = Instant.now();
            emit(RealizeEvent.Type.STARTED, n.dref(), null, 0, "building " + n.dref() + " on " + grant.devices()
                    + (instance > 0 ? " (instance " + instance + ")" : ""));
            try {
                if (task.cancelled()) {
                    throw cancelledException(n, task);
                }
                stage.stage().build(ctx);
                if (task.cancelled() || cancelled) {
                    throw cancelledException(n, task);
                }
                ctx.closeLog();
                Map<String, String> notes = ctx.notes();
                notes.putIfAbsent("devices", String.join(",", grant.devices()));
                notes.putIfAbsent("instance", Integer.toString(instance));
                BuildMetadata meta = new BuildMetadata(stage.stage().version(), stage.bundle(), stage.bundleVersion(),
                        started, notes);
                RRef rref = pending.commit(context, stage.stage().promises(n.derivation().config()), meta);
                markBuilt(n.dref());
                emit(RealizeEvent.Type.FINISHED, n.dref(), rref, 1, "built " + rref);
            } catch (Throwable t) {
                task.clearInterrupt(); // the cleanup below must not be disturbed by a cancel's interrupt
                boolean wasCancelled = task.cancelled() || cancelled || t instanceof CancelledException
                        || t instanceof InterruptedException;
                ctx.appendRaw((wasCancelled ? "CANCELLED: " : "FAILED: ") + stackTrace(t));
                ctx.closeLog();
                Path kept = keepLog(n.dref(), ctx.logFile());
                StagedmlException e = wasCancelled ? cancelledException(n, task)
                        : new BuildFailedException(n.dref(), kept, t);
                emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, e.getMessage());
                task.failureReported(true);
                throw e;
            }
        }
    }

    /** Marks the task cancelled because its stage service went away; true so it reads as a condition. */
    private boolean cancelGone(BuildTask task) {
        task.cancel("stage '" + task.stage().name() + "' went away (" + task.stage().describeBundle() + " stopped)");
        return true;
    }

    /** Copies a failed build's log to store.failedLogs()/<dhash>-<name>-<timestamp>.log. */
    private Path keepLog(DRef dref, Path log) {
        try {
            Path dir = store.failedLogs();
            Files.createDirectories(dir);
            Path kept = dir.resolve(dref.folderName() + "-" + STAMP.format(Instant.now()) + ".log");
            if (Files.exists(log)) {
                Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(kept, "");
            }
            return kept;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not keep the log of the failed build of " + dref, e);
            return null;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private void emit(RealizeEvent.Type type, DRef dref, RRef rref, double fraction, String message) {
        realizer.events().publish(new RealizeEvent(id, type, dref, rref, fraction, message == null ? "" : message,
                Instant.now()), options.listener());
    }
}
