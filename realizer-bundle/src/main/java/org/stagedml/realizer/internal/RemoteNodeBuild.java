package org.stagedml.realizer.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildExecutor;
import org.stagedml.api.execute.BuildMonitor;
import org.stagedml.api.execute.BuildOrder;
import org.stagedml.api.execute.ProgressLine;
import org.stagedml.api.execute.RemoteBuild;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.store.StoreLock;

/**
 * The build of one node handed to a {@link BuildExecutor} (a cluster), on a build thread that
 * follows it. The node is submitted only when its dependencies are selected (submit-when-ready), so
 * that the order names the exact dependency realizations this realize selected. The remote side
 * takes the derivation's lock and re-checks, so this side holds no lock while the build runs (it
 * would block its own build); it only waits when another build holds the lock, so as not to submit
 * a build that is being done. Cancelling the realize cancels the remote build and waits for its end.
 */
final class RemoteNodeBuild {
    private final Job job;
    private final DefaultRealizer realizer;
    private final Closure.Node node;
    private final DRef dref;
    private final BuildTask task;
    private final BuildExecutor executor;

    RemoteNodeBuild(Job job, DefaultRealizer realizer, Closure.Node node, BuildTask task) {
        this.job = job;
        this.realizer = realizer;
        this.node = node;
        this.dref = node.dref();
        this.task = task;
        this.executor = job.remote();
    }

    /** Runs on a build thread; never throws: the outcome carries the selection or the error. */
    ClosureWalk.Outcome run() {
        task.attach();
        ClosureWalk.Outcome o;
        try {
            o = new ClosureWalk.Outcome(node, buildRemotely(), null);
        } catch (StagedmlException e) {
            o = new ClosureWalk.Outcome(node, null, e);
        } catch (InterruptedException e) {
            o = new ClosureWalk.Outcome(node, null, cancelled());
        } catch (Throwable t) {
            o = new ClosureWalk.Outcome(node, null, new StagedmlException("build of " + dref + " on "
                    + executor.name() + " failed: " + t, t));
        } finally {
            job.taskEnded(task);
            task.detach();
        }
        if (o.error() != null) {
            job.emit(RealizeEvent.Type.FAILED, dref, null, -1, o.error().getMessage());
        }
        return o;
    }

    private List<RRef> buildRemotely() throws InterruptedException, IOException {
        RegisteredStage stage = task.stage();
        if (stage.version() != node.derivation().version()) {
            throw new StagedmlException("cannot build " + dref + ": it was instantiated for version "
                    + node.derivation().version() + " of stage '" + dref.name() + "', but version "
                    + stage.version() + " is registered now; instantiate it again");
        }
        realizer.store().addDerivation(node.derivation()); // the remote side reads it from the shared store
        waitForOtherBuild();
        checkCancelled();
        int count = job.selection().builds(dref, job.builtAgainstSelection(node));
        if (count == 0) {
            List<RRef> selection = job.selection().select(dref, job.builtAgainstSelection(node));
            job.emit(RealizeEvent.Type.CACHED, dref, selection.get(0), -1, "built meanwhile by another realize");
            return selection;
        }
        Resources resources = stage.stage().resources(node.derivation().config());
        boolean target = job.selection().isTarget(dref);
        Map<DRef, List<RRef>> context = new LinkedHashMap<>();
        for (DRef d : node.dependencies().values()) {
            context.put(d, job.selection(d));
        }
        String matcher = target && job.options().matcher() != null ? job.options().matcher().spec() : null;
        BuildOrder order = new BuildOrder(dref, context, matcher, target ? job.options().instances() : 1,
                job.options().forces(dref));
        RemoteBuild build = executor.submit(order, resources, monitor());
        job.emit(RealizeEvent.Type.STARTED, dref, null, 0, "submitted " + dref + " to " + executor.name()
                + " as job " + build.id() + " (" + resources + ")");
        boolean ended = false;
        try {
            build.await();
            ended = true;
        } catch (InterruptedException e) {
            // cancelled: below
        } catch (RuntimeException e) { // failed, or killed by someone else; or a Slurm command interrupted by our cancel
            if (!task.cancelled() && !job.cancelled()) {
                throw e;
            }
        }
        if (!ended) {
            task.clearInterrupt(); // the cancel below runs commands and waits
            job.emit(RealizeEvent.Type.LOG, dref, null, -1, BuildMonitor.STATE_PREFIX + executor.name()
                    + " cancelling job " + build.id());
            build.cancel();
            throw cancelled();
        }
        List<RRef> selection = job.selection().select(dref, job.builtAgainstSelection(node));
        job.markBuilt(dref);
        job.emit(RealizeEvent.Type.FINISHED, dref, selection.get(0), 1, "built " + selection.get(0) + " in "
                + executor.name() + " job " + build.id());
        return selection;
    }

    /** When another build (any process, any node) holds the derivation's lock, waits until it ends. */
    private void waitForOtherBuild() throws IOException, InterruptedException {
        Optional<StoreLock> free = realizer.store().lock(dref, Duration.ZERO);
        if (free.isEmpty()) {
            job.emit(RealizeEvent.Type.LOG, dref, null, -1, "waiting for another build of " + dref);
            free = realizer.store().lock(dref, null);
        }
        free.ifPresent(StoreLock::close);
    }

    private BuildMonitor monitor() {
        return new BuildMonitor() {
            @Override
            public void state(String line) {
                job.emit(RealizeEvent.Type.LOG, dref, null, -1, BuildMonitor.STATE_PREFIX + executor.name() + " " + line);
            }

            @Override
            public void log(String line) {
                Optional<ProgressLine> p = ProgressLine.parse(line);
                if (p.isPresent()) {
                    job.emit(RealizeEvent.Type.PROGRESS, dref, null, p.get().fraction(), p.get().message());
                } else {
                    job.emit(RealizeEvent.Type.LOG, dref, null, -1, line);
                }
            }
        };
    }

    private void checkCancelled() {
        if (task.cancelled() || job.cancelled()) {
            throw cancelled();
        }
    }

    private CancelledException cancelled() {
        return new CancelledException("build of stage '" + dref.name() + "' (" + dref + ") on " + executor.name()
                + " cancelled: " + (task.cancelReason() == null ? "interrupted" : task.cancelReason()));
    }
}
