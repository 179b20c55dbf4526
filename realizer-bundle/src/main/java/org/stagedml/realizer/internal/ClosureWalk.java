package org.stagedml.realizer.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.store.Store;
import org.stagedml.api.store.TempRoot;

/**
 * The coordinator of one job: walks the closure in dependency order, deciding each node whose
 * dependencies are done ({@link Selection}: cheap, list and match) and handing the nodes that need a
 * build to {@link NodeBuild}s on build threads, a bounded number at a time. A failed node stops its
 * dependents only; independent branches finish; the walk then fails with the first failure.
 *
 * <p>It holds a temporary GC root on every node from before it lists the node's realizations until
 * the walk ends, so that a concurrent gc (in any process) never removes a realization the job has
 * selected or a build is reading; a root asked for in the options is set before those are let go.
 */
final class ClosureWalk {
    /** How many builds one job keeps submitted to an executor at once (each is followed by a thread). */
    private static final int REMOTE_IN_FLIGHT = 64;
    private final Job job;
    private final DefaultRealizer realizer;
    private final Store store;
    private final Closure closure;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final List<TempRoot> tempRoots = new ArrayList<>();
    // the dependency graph as the walk consumes it
    private final Map<DRef, Integer> waiting = new HashMap<>();
    private final Map<DRef, List<Closure.Node>> dependents = new HashMap<>();
    private final Deque<Closure.Node> ready = new ArrayDeque<>();
    private final Deque<Closure.Node> toBuild = new ArrayDeque<>();
    private final Set<DRef> wouldBuild = new HashSet<>(); // dry run only
    private StagedmlException failure;
    private int inFlight;

    /** The end of one node's build: its selection, or the error that stopped it; no node: a wake-up. */
    record Outcome(Closure.Node node, List<RRef> selection, StagedmlException error) {
        static final Outcome WAKE_UP = new Outcome(null, null, null);
    }

    ClosureWalk(Job job, DefaultRealizer realizer) {
        this.job = job;
        this.realizer = realizer;
        this.store = realizer.store();
        this.closure = job.closure();
    }

    /** Wakes the walk (after a cancel) so that it sees the job is cancelled. */
    void wakeUp() {
        outcomes.offer(Outcome.WAKE_UP);
    }

    /** Walks the closure; the target's selection (empty in a dry run). Lets go of its temporary roots before it returns. */
    List<RRef> run() throws InterruptedException {
        try {
            List<RRef> target = walk();
            String root = job.rootName();
            if (root != null) {
                keepUnderRoot(root);
            }
            return target;
        } finally {
            letGoOfTempRoots(); // before the caller hears of the end: a root must be in place first
        }
    }

    private List<RRef> walk() throws InterruptedException {
        refuseImpossibleBuilds();
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
        while (true) {
            while (!ready.isEmpty() && !job.cancelled()) {
                evaluate(ready.poll());
            }
            // a build thread mostly waits for a slot, so keeping a few more in flight than there are
            // slots is enough; a wide DAG must not start thousands of waiting threads
            // builds handed to an executor hold no slot here: the cluster queues them
            int max = job.remote() != null ? REMOTE_IN_FLIGHT : realizer.maxBuildsInFlight();
            while (!toBuild.isEmpty() && !job.cancelled() && inFlight < max) {
                inFlight++;
                launch(toBuild.poll());
            }
            if (inFlight == 0) {
                break;
            }
            Outcome o = outcomes.take();
            if (o.node() != null) {
                inFlight--;
                ended(o);
            }
        }
        return result();
    }

    private List<RRef> result() {
        if (job.cancelled()) {
            throw new CancelledException("realize of " + closure.target() + " was cancelled");
        }
        if (failure != null) {
            throw failure;
        }
        if (job.options().dryRun()) {
            return List.of();
        }
        List<RRef> target = job.selection(closure.target());
        if (target == null) {
            throw new StagedmlException("realize of " + closure.target() + " ended without selecting it");
        }
        return target;
    }

    /**
     * Before anything builds: a node with no realization yet whose stage requires GPUs on a machine
     * with none fails the job at once (otherwise its dependencies would build for nothing). Only
     * such a node makes the slots discover GPUs; a stage that cannot say its resources fails later,
     * in its build, as before.
     */
    private void refuseImpossibleBuilds() {
        if (job.remote() != null) {
            return; // the executor's nodes have the GPUs, not this machine
        }
        for (Closure.Node n : closure.nodes()) {
            org.stagedml.api.Resources wanted;
            try {
                wanted = realizer.registry().get(n.dref().name()).stage().resources(n.derivation().config());
            } catch (RuntimeException e) {
                continue;
            }
            if (wanted.gpusRequired() && store.realizations(n.dref()).isEmpty()) {
                try {
                    realizer.slots().refuseIfImpossible(n.dref(), wanted);
                } catch (StagedmlException e) {
                    job.emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, e.getMessage());
                    throw e;
                }
            }
        }
    }

    /** Serves a node from the store, queues it for a build, or (dry run) counts it as would-build. */
    private void evaluate(Closure.Node n) throws InterruptedException {
        DRef d = n.dref();
        boolean dryRun = job.options().dryRun();
        Selection.Decision decision;
        try {
            if (!dryRun) {
                holdTempRoot(n);
            }
            boolean dependencyBuilds = n.dependencies().values().stream().anyMatch(wouldBuild::contains);
            decision = job.selection().decide(d, dependencyBuilds, () -> job.builtAgainstSelection(n));
        } catch (RuntimeException e) { // a matcher or the store refused: this branch stops
            StagedmlException se = e instanceof StagedmlException s ? s
                    : new StagedmlException("cannot realize " + d + ": " + e, e);
            fail(se);
            job.emit(RealizeEvent.Type.FAILED, d, null, -1, se.getMessage());
            return;
        }
        if (decision instanceof Selection.Serve serve) {
            job.selected(d, serve.selection());
            job.emit(RealizeEvent.Type.CACHED, d, serve.selection().get(0), -1, "served from the store");
            release(n);
        } else if (dryRun) {
            wouldBuild.add(d);
            job.markBuilt(d);
            release(n);
        } else {
            toBuild.add(n);
        }
    }

    private void ended(Outcome o) {
        if (o.error() == null) {
            job.selected(o.node().dref(), o.selection());
            release(o.node());
        } else {
            fail(o.error());
        }
    }

    /** Keeps the first failure; a real failure is more telling than a cancellation it caused. */
    private void fail(StagedmlException e) {
        if (failure == null || failure instanceof CancelledException && !(e instanceof CancelledException)) {
            failure = e;
        }
    }

    private void release(Closure.Node n) {
        for (Closure.Node d : dependents.getOrDefault(n.dref(), List.of())) {
            int left = waiting.merge(d.dref(), -1, Integer::sum);
            if (left == 0) {
                ready.add(d);
            }
        }
    }

    /** Starts a node's build on a build thread; its outcome comes back through {@link #outcomes}. */
    private void launch(Closure.Node n) {
        RegisteredStage stage;
        try {
            stage = realizer.registry().get(n.dref().name());
        } catch (StagedmlException e) { // gone, or clashing now
            StagedmlException err = new StagedmlException("cannot build " + n.dref() + ": " + e.getMessage(), e);
            job.emit(RealizeEvent.Type.FAILED, n.dref(), null, -1, err.getMessage());
            outcomes.add(new Outcome(n, null, err));
            return;
        }
        BuildTask task = job.newTask(stage);
        if (job.remote() != null) {
            RemoteNodeBuild remote = new RemoteNodeBuild(job, realizer, n, task);
            realizer.executor().execute(() -> outcomes.add(remote.run()));
            return;
        }
        NodeBuild build = new NodeBuild(job, realizer, n, task);
        realizer.executor().execute(() -> outcomes.add(build.run()));
    }

    /**
     * Takes a temporary root on a node before listing its realizations, and keeps it until the
     * walk ends: a gc must not remove what this job has selected, nor what a build reads.
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

    /** Points the GC root at the target while this walk still holds the closure; a failure is only a warning. */
    private void keepUnderRoot(String name) {
        try {
            store.addRoot(name, closure.target());
            job.emit(RealizeEvent.Type.LOG, closure.target(), null, -1, "root " + name + " -> " + closure.target());
        } catch (IOException | RuntimeException e) {
            job.emit(RealizeEvent.Type.LOG, closure.target(), null, -1, "warning: could not set root " + name + ": "
                    + e.getMessage());
            realizer.log().warn("realize job " + job.id() + " could not set the GC root " + name + " to "
                    + closure.target(), e);
        }
    }
}
