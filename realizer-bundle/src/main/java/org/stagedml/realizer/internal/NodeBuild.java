package org.stagedml.realizer.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.BuildMetadata;
import org.stagedml.api.store.FailedBuild;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.Store;
import org.stagedml.api.store.StoreLock;

/**
 * The build of one node of a job, on a build thread: take the store's per-derivation lock, re-check
 * what exists (another thread or process may have built it meanwhile), then build as many
 * realizations as still needed, each within its resource slots (several instances in parallel),
 * commit them, and select. A failed build's log is kept by the store; nothing else is left behind,
 * unless the options keep the failed output folder aside. A build may pause at a break point (see
 * {@link #hold}) before build() or before its commit, holding all it holds.
 */
final class NodeBuild {
    private final Job job;
    private final DefaultRealizer realizer;
    private final Store store;
    private final Closure.Node node;
    private final DRef dref;
    private final BuildTask task;

    NodeBuild(Job job, DefaultRealizer realizer, Closure.Node node, BuildTask task) {
        this.job = job;
        this.realizer = realizer;
        this.store = realizer.store();
        this.node = node;
        this.dref = node.dref();
        this.task = task;
    }

    /** Runs on a build thread; never throws: the outcome carries the selection or the error. */
    ClosureWalk.Outcome run() {
        task.attach();
        ClosureWalk.Outcome o;
        try {
            o = new ClosureWalk.Outcome(node, buildLocked(), null);
        } catch (StagedmlException e) {
            o = new ClosureWalk.Outcome(node, null, e);
        } catch (Throwable t) {
            o = new ClosureWalk.Outcome(node, null, new StagedmlException("build of " + dref + " failed: " + t, t));
        } finally {
            job.taskEnded(task);
            task.detach();
        }
        if (o.error() != null && !task.failureReported()) {
            job.emit(RealizeEvent.Type.FAILED, dref, null, -1, o.error().getMessage());
        }
        return o;
    }

    /** Under the derivation's lock: re-check, then build as many as still needed, then select. */
    private List<RRef> buildLocked() {
        RegisteredStage stage = task.stage();
        if (stage.version() != node.derivation().version()) {
            throw new StagedmlException("cannot build " + dref + ": it was instantiated for version "
                    + node.derivation().version() + " of stage '" + dref.name() + "', but version "
                    + stage.version() + " is registered now; instantiate it again");
        }
        StoreLock lock = null;
        try {
            lock = lock();
            // under the lock, so that a GC cannot remove the document between here and the commit;
            // idempotent, and the document may have been collected since instantiate
            store.addDerivation(node.derivation());
            checkCancelled();
            List<RealizationInfo> existing = job.builtAgainstSelection(node);
            int count = job.selection().builds(dref, existing);
            if (count == 0) {
                List<RRef> selection = job.selection().select(dref, existing);
                job.emit(RealizeEvent.Type.CACHED, dref, selection.get(0), -1, "built meanwhile by another realize");
                return selection;
            }
            if (job.options().fresh() && store.removeCheckpoints(dref) > 0) {
                job.emit(RealizeEvent.Type.LOG, dref, null, -1, "--fresh: deleted the checkpoints of " + dref);
            }
            buildInstances(count);
            return job.selection().select(dref, job.builtAgainstSelection(node));
        } catch (InterruptedException e) {
            throw cancelledException();
        } catch (IOException e) {
            throw new StagedmlException("store error while building " + dref + ": " + e.getMessage(), e);
        } finally {
            task.clearInterrupt();
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** The store's lock on the derivation; says so when another build holds it and waits. */
    private StoreLock lock() throws IOException, InterruptedException {
        Optional<StoreLock> held = store.lock(dref, Duration.ZERO);
        if (held.isEmpty()) {
            job.emit(RealizeEvent.Type.LOG, dref, null, -1, "waiting for another build of " + dref);
            held = store.lock(dref, null);
        }
        return held.orElseThrow(() -> new StagedmlException("could not lock " + dref));
    }

    /**
     * Builds {@code count} realizations; several instances build in parallel, each within its own
     * slots (the lock, held by this thread, covers them all). Fails with the first failure, after
     * every instance has ended.
     */
    private void buildInstances(int count) throws InterruptedException, IOException {
        if (count == 1) {
            buildOnce(0);
            return;
        }
        List<Future<Throwable>> others = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int instance = i;
            others.add(realizer.executor().submit(() -> {
                task.attach();
                try {
                    buildOnce(instance);
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
            buildOnce(0);
        } catch (Throwable t) {
            first = t;
        }
        for (Future<Throwable> f : others) {
            first = moreTelling(first, endOf(f));
        }
        rethrow(first);
    }

    /** What an instance ended with (null: success); waits through the interrupts of a cancel. */
    private static Throwable endOf(Future<Throwable> f) {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                // a cancel interrupts this thread too; the instances stop on their own
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    /** The first failure, unless it is a cancellation and a real failure (which caused it) came later. */
    private static Throwable moreTelling(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        boolean replace = first instanceof CancelledException && next != null && !(next instanceof CancelledException);
        return replace ? next : first;
    }

    private void rethrow(Throwable t) throws InterruptedException, IOException {
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof InterruptedException ie) {
            throw ie;
        } else if (t instanceof IOException io) {
            throw io;
        } else if (t != null) {
            throw new StagedmlException("build of " + dref + " failed: " + t, t);
        }
    }

    private void buildOnce(int instance) throws InterruptedException, IOException {
        RegisteredStage stage = task.stage();
        if (!realizer.registry().isCurrent(stage)) {
            task.cancel("stage '" + stage.name() + "' went away (" + stage.describeBundle() + " stopped)");
        }
        checkCancelled();
        Stage service = stage.stage();
        Resources resources = resources(service);
        try (ResourceSlots.Grant grant = realizer.slots().acquire(dref, resources);
                PendingRealization pending = store.begin(dref)) {
            Map<DRef, List<RRef>> context = new LinkedHashMap<>();
            for (DRef d : node.dependencies().values()) {
                context.put(d, job.selection(d));
            }
            StageBuildContext ctx = new StageBuildContext(dref, node.derivation().config(), pending.out(), instance,
                    context, store, realizer.navigator(), grant.devices(), pending.meta().resolve("build.log"),
                    () -> task.cancelled() || job.cancelled(),
                    (type, args) -> job.emit(type, dref, null, type == RealizeEvent.Type.PROGRESS ? (double) args[0] : -1,
                            (String) args[args.length - 1]));
            Instant started = Instant.now();
            job.emit(RealizeEvent.Type.STARTED, dref, null, 0, "building " + dref + " on " + grant.devices()
                    + (instance > 0 ? " (instance " + instance + ")" : ""));
            try {
                checkCancelled();
                BreakPoints breaks = job.options().breaks();
                String touched = null;
                boolean skip = breaks.pausesBefore(dref)
                        && hold(PausedBuild.Point.BEFORE_BUILD, pending, context) == Pause.Decision.SKIP;
                if (skip) {
                    touched = "build() skipped at a break point: the outputs were put there by hand";
                } else {
                    service.build(ctx);
                }
                if (task.cancelled() || job.cancelled()) {
                    throw cancelledException();
                }
                ctx.closeLog();
                if (breaks.pausesAfter(dref)) {
                    String before = fingerprint(pending);
                    hold(PausedBuild.Point.BEFORE_COMMIT, pending, context);
                    if (touched == null && !before.equals(fingerprint(pending))) {
                        touched = "outputs changed at a break point before the commit";
                    }
                }
                Map<String, String> notes = ctx.notes();
                if (touched != null) {
                    notes.put(PausedBuild.TOUCHED_NOTE, touched);
                }
                job.notes().forEach(notes::putIfAbsent);
                notes.putIfAbsent("devices", String.join(",", grant.devices()));
                notes.putIfAbsent("instance", Integer.toString(instance));
                BuildMetadata meta = new BuildMetadata(stage.version(), stage.bundle(), stage.bundleVersion(),
                        started, notes);
                RRef rref = pending.commit(context, service.promises(node.derivation().config()), meta);
                BuildCheckpoints.committed(store, dref, instance, realizer.log());
                job.markBuilt(dref);
                job.emit(RealizeEvent.Type.FINISHED, dref, rref, 1, "built " + rref);
            } catch (Throwable t) {
                throw failed(ctx, t, pending, context);
            }
        }
    }

    /**
     * Holds the build at a break point until the pause is resolved; the lock, the job's temporary
     * roots and the output folder stay held meanwhile. An abort cancels the whole realize.
     */
    private Pause.Decision hold(PausedBuild.Point point, PendingRealization pending, Map<DRef, List<RRef>> context) {
        Map<String, List<Path>> deps = new LinkedHashMap<>();
        node.dependencies().forEach((field, d) -> deps.put(field,
                context.getOrDefault(d, List.of()).stream().map(store::path).toList()));
        Pause pause = new Pause(job.id(), dref, point, pending.out(), node.derivation(), deps);
        job.emit(RealizeEvent.Type.LOG, dref, null, -1, "paused at a break point: " + pause);
        realizer.log().info(pause.toString());
        try {
            job.options().breaks().hold().paused(pause);
        } catch (RuntimeException e) {
            realizer.log().warn("the BuildHold of job " + job.id() + " threw; the realize is aborted", e);
            pause.abort();
        }
        Pause.Decision d = pause.await(() -> task.cancelled() || job.cancelled());
        if (d == Pause.Decision.ABORT) {
            task.cancel("aborted at a break point of " + dref);
            job.cancel();
            throw cancelledException();
        }
        job.emit(RealizeEvent.Type.LOG, dref, null, -1, "resumed: " + d.name().toLowerCase(java.util.Locale.ROOT));
        return d;
    }

    /** The outputs' digest, without what the store keeps beside them. */
    private String fingerprint(PendingRealization pending) throws IOException {
        return FolderFingerprint.of(pending.out(), store::reserved);
    }

    /**
     * What a build needs; a stage whose resources() throws fails the build with that error (a
     * guess could oversubscribe a GPU or hide a broken stage).
     */
    private Resources resources(Stage service) {
        try {
            return service.resources(node.derivation().config());
        } catch (RuntimeException e) {
            StagedmlException err = new StagedmlException("cannot build " + dref + ": stage '" + dref.name()
                    + "' could not say what resources its build needs: " + e, e);
            job.emit(RealizeEvent.Type.FAILED, dref, null, -1, err.getMessage());
            task.failureReported(true);
            realizer.log().error("build of " + dref + " failed before it started", err);
            throw err;
        }
    }

    /** Ends a build that threw: the log says why and is kept by the store; the error to report. */
    private StagedmlException failed(StageBuildContext ctx, Throwable t, PendingRealization pending,
            Map<DRef, List<RRef>> context) {
        task.clearInterrupt(); // the cleanup below must not be disturbed by a cancel's interrupt
        boolean wasCancelled = task.cancelled() || job.cancelled() || t instanceof CancelledException
                || t instanceof InterruptedException;
        ctx.appendRaw((wasCancelled ? "CANCELLED: " : "FAILED: ") + stackTrace(t));
        ctx.closeLog();
        Path kept = keepLog(ctx.logFile());
        if (!wasCancelled && job.options().keepFailed()) {
            keepFailedBuild(pending, context, kept);
        }
        StagedmlException e = wasCancelled ? cancelledException() : new BuildFailedException(dref, kept, t);
        job.emit(RealizeEvent.Type.FAILED, dref, null, -1, e.getMessage());
        task.failureReported(true);
        if (!wasCancelled) {
            realizer.log().error("build of " + dref + " failed; its log is kept at " + kept, t);
        }
        return e;
    }

    private void checkCancelled() {
        if (task.cancelled()) {
            throw cancelledException();
        }
    }

    private CancelledException cancelledException() {
        return new CancelledException("build of stage '" + dref.name() + "' (" + dref + ") cancelled: "
                + (task.cancelReason() == null ? "interrupted" : task.cancelReason()));
    }

    /** Hands a failed build's log to the store to keep; null (and a warning) when it could not. */
    private Path keepLog(Path log) {
        try {
            return store.keepFailedLog(dref, log);
        } catch (IOException | RuntimeException e) {
            realizer.log().warn("could not keep the log of the failed build of " + dref, e);
            return null;
        }
    }

    /** --keep-failed: the store moves the output folder aside; a warning when it could not. */
    private void keepFailedBuild(PendingRealization pending, Map<DRef, List<RRef>> context, Path log) {
        try {
            FailedBuild kept = store.keepFailedBuild(pending, context, log);
            job.emit(RealizeEvent.Type.LOG, dref, null, -1, "the failed build's folder is kept at " + kept.folder());
            realizer.log().info("kept the failed build of " + dref + " at " + kept.folder());
        } catch (IOException | RuntimeException e) {
            realizer.log().warn("could not keep the output folder of the failed build of " + dref, e);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
