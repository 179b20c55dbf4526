package org.stagedml.realizer.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.stagedml.api.DRef;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;

/**
 * One realize as its caller sees it: the result, cancel, the events, and what has been selected and
 * built so far. The work is done by a {@link ClosureWalk} (the coordinator) and its {@link NodeBuild}s,
 * which record here what they select and build.
 */
final class Job implements RealizeJob {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Closure closure;
    private final RealizeOptions options;
    private final DefaultRealizer realizer;
    private final Selection selection;
    private final ClosureWalk walk;
    private final CompletableFuture<List<RRef>> result = new CompletableFuture<>();
    private final Map<DRef, List<RRef>> selected = new ConcurrentHashMap<>();
    private final Set<DRef> builtSet = ConcurrentHashMap.newKeySet();
    private final Queue<DRef> built = new ConcurrentLinkedQueue<>(); // builtSet, in order
    private final Set<BuildTask> tasks = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private volatile org.stagedml.api.execute.BuildExecutor remote; // null: builds run on local threads
    private volatile Map<String, String> notes = Map.of();

    Job(Closure closure, RealizeOptions options, DefaultRealizer realizer) {
        this.closure = closure;
        this.options = options;
        this.realizer = realizer;
        this.selection = new Selection(closure.target(), options, stage -> realizer.registry().find(stage)
                .map(s -> s.stage().defaultMatcher()).orElse(Matchers.latest(1)));
        this.walk = new ClosureWalk(this, realizer);
    }

    void start() {
        realizer.log().info("realize job " + id + " started: " + closure.target() + " (" + closure.nodes().size()
                + " derivation(s)" + (options.dryRun() ? ", dry run" : "") + ")");
        realizer.executor().execute(this::run);
    }

    private void run() {
        try {
            List<RRef> target = walk.run();
            realizer.log().info("realize job " + id + " of " + closure.target() + " ended: " + built.size()
                    + " built, selected " + target);
            result.complete(target);
        } catch (Throwable t) {
            StagedmlException e = t instanceof StagedmlException se ? se
                    : new StagedmlException("realize of " + closure.target() + " failed: " + t, t);
            realizer.log().info("realize job " + id + " of " + closure.target() + " failed: " + e.getMessage());
            result.completeExceptionally(e);
        } finally {
            realizer.jobDone(this);
        }
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
            t.cancel(cancelReason());
        }
        walk.wakeUp();
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
            result.handle((r, e) -> null).get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    Collection<BuildTask> tasks() {
        return tasks;
    }

    // ---- what the walk and the builds share ---------------------------------------------------

    /** The executor this job's builds are handed to; null: the realizer's own threads. */
    org.stagedml.api.execute.BuildExecutor remote() {
        return remote;
    }

    void remote(org.stagedml.api.execute.BuildExecutor executor) {
        remote = executor;
    }

    /** Notes added to the metadata of every realization this job commits (e.g. the cluster job). */
    Map<String, String> notes() {
        return notes;
    }

    void notes(Map<String, String> n) {
        notes = Map.copyOf(n);
    }

    RealizeOptions options() {
        return options;
    }

    Selection selection() {
        return selection;
    }

    boolean cancelled() {
        return cancelled;
    }

    private String cancelReason() {
        return "realize of " + closure.target() + " was cancelled";
    }

    /** The GC root a successful, real run points at the target: the named one, last-&lt;stage&gt;, or none. */
    String rootName() {
        if (options.dryRun()) {
            return null;
        }
        return options.lastRoot() ? RealizeOptions.lastRootName(closure.target().name()) : options.root();
    }

    /** A build task for a node, tracked for cancellation until {@link #taskEnded}. */
    BuildTask newTask(RegisteredStage stage) {
        BuildTask task = new BuildTask(stage);
        tasks.add(task);
        if (cancelled) { // cancel() may have run between the walk's check and the add
            task.cancel(cancelReason());
        }
        return task;
    }

    void taskEnded(BuildTask task) {
        tasks.remove(task);
    }

    void selected(DRef d, List<RRef> selection) {
        selected.put(d, selection);
    }

    /** What this run selected for a derivation (null: nothing yet). */
    List<RRef> selection(DRef d) {
        return selected.get(d);
    }

    /** The realizations of a node built against exactly what this run selected for its dependencies. */
    List<RealizationInfo> builtAgainstSelection(Closure.Node n) {
        return Selection.builtAgainst(n.dependencies().values(), selected, realizer.store().realizations(n.dref()));
    }

    /** Records a built derivation once (addIfAbsent alone would be quadratic in a wide closure). */
    void markBuilt(DRef d) {
        boolean first = builtSet.add(d);
        if (first) {
            built.add(d);
        }
    }

    void emit(RealizeEvent.Type type, DRef dref, RRef rref, double fraction, String message) {
        realizer.events().publish(new RealizeEvent(id, type, dref, rref, fraction, message == null ? "" : message,
                Instant.now()), options.listener());
    }
}
