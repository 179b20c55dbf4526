package org.stagedml.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.Matchers;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.RRef;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.history.History;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.SweepListener;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepPoint;
import org.stagedml.api.sweep.SweepRanking;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.api.sweep.Sweeper;

/**
 * Runs a sweep through the Realizer: every configuration submitted at once (the realizer's slots
 * bound how many build together), awaited as they end, ranked, rooted and plotted.
 *
 * <p>It lives in the shell bundle, not the realizer: it needs only the Realizer and Store services,
 * it draws through org.stagedml.plot (which the shell already uses), and its tests use the
 * RealizeFixture of org.stagedml.testing, which depends on the realizer bundle. The embedded
 * runtime reaches it as the {@link Sweeper} service ({@link SweeperComponent}).
 *
 * <p>GC roots: each configuration's realize points {@code sweep-<stage>-<n>.<index>} at its target
 * while the realizer still holds it (no gc can come in between); a failed one's root points at its
 * derivation; at the end {@code sweep-<stage>-<n>} points at the best one. A cancelled sweep removes
 * them all again.
 */
public final class Sweeps implements Sweeper {
    /** How long a cancelled sweep waits for its builds to stop and clean up. */
    private static final long CANCEL_WAIT_MS = 30_000;
    private static final long POLL_MS = 20;
    private final Realizer realizer;
    private final Store store;

    public Sweeps(Realizer realizer, Store store) {
        this.realizer = realizer;
        this.store = store;
    }

    /** The root keeping a sweep's best configuration. */
    public static String rootName(String stage, int n) {
        return "sweep-" + stage + "-" + n;
    }

    @Override
    public SweepResult sweep(SweepSpec spec, SweepListener listener) throws InterruptedException {
        StageInfo stage = realizer.stage(spec.stage()).orElseThrow(() -> new StageNotFoundException(spec.stage()));
        SweepRanking.Metric metric = SweepRanking.metric(spec.metric(), spec.stage(), stage.defaultMatcher());
        List<SweepPoint> points = SweepPlan.plan(spec);
        // a key the stage does not have fails every point alike: say so once, before building anything
        realizer.instantiate(spec.stage(), points.get(0).values());
        String root = rootName(spec.stage(), nextSweepNumber(spec.stage()));
        RealizeOptions base = RealizeOptions.defaults().withInstances(spec.instances());
        if (spec.instances() > 1) {
            base = base.withMatcher(Matchers.latest(spec.instances())); // mean and spread over all K
        }
        List<Running> running = new ArrayList<>();
        for (SweepPoint p : points) {
            running.add(submit(spec.stage(), p, base.withRoot(root + "." + p.index())));
        }
        List<SweepOutcome> outcomes = new ArrayList<>();
        try {
            awaitAll(running, metric.name(), outcomes, listener);
        } catch (InterruptedException | CancelledException e) {
            // interrupted (Ctrl-C), or a job cancelled by the realizer stopping (which Ctrl-C also does)
            throw cancel(running, spec.stage(), outcomes.size(), root);
        }
        rootFailed(outcomes, root);
        List<SweepOutcome> ranked = SweepRanking.rank(outcomes, metric.maximize());
        SweepResult result = new SweepResult(spec.stage(), metric.name(), metric.maximize(), spec.keys(), ranked, null, null);
        String bestRoot = null;
        if (result.best().isPresent()) {
            try {
                store.addRoot(root, result.best().get().dref());
                bestRoot = root;
            } catch (IOException e) {
                throw new StagedmlException("cannot add the sweep root " + root + ": " + e.getMessage(), e);
            }
        }
        Path plot = plot(result, root);
        return new SweepResult(result.stage(), result.metric(), result.maximize(), result.keys(), ranked, bestRoot, plot);
    }

    private Path plot(SweepResult result, String name) {
        try {
            Path png = store.userFolder("plots").resolve(name + ".png");
            SweepPlot.write(png, result, rref -> realizer.path(rref, "", History.FILE));
            return png;
        } catch (IOException | RuntimeException e) { // PlotException is an IOException
            return null; // the ranking stands without the picture; the command says there is none
        }
    }

    /** The first n with no root {@code sweep-<stage>-<n>} nor {@code sweep-<stage>-<n>.<i>}. */
    private int nextSweepNumber(String stage) {
        int max = 0;
        String prefix = "sweep-" + stage + "-";
        for (String r : store.roots().keySet()) {
            if (r.startsWith(prefix)) {
                String rest = r.substring(prefix.length());
                int dot = rest.indexOf('.');
                try {
                    max = Math.max(max, Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot)));
                } catch (NumberFormatException other) {
                    // a root of another naming, e.g. a stage whose name continues after the prefix
                }
            }
        }
        return max + 1;
    }

    /** One configuration in flight: its job, or why it could not be submitted. */
    private static final class Running {
        final SweepPoint point;
        final DRef target;
        final RealizeJob job;
        final String error;
        final AtomicBoolean built;
        boolean ended;

        Running(SweepPoint point, DRef target, RealizeJob job, String error, AtomicBoolean built) {
            this.point = point;
            this.target = target;
            this.job = job;
            this.error = error;
            this.built = built;
        }

        boolean isDone() {
            return job == null || job.isDone();
        }
    }

    private Running submit(String stage, SweepPoint p, RealizeOptions options) {
        AtomicBoolean built = new AtomicBoolean();
        try {
            Closure closure = realizer.instantiate(stage, p.values());
            RealizeJob job = realizer.submit(closure, options.withListener(e -> {
                if (e.type() == RealizeEvent.Type.FINISHED) {
                    built.set(true);
                }
            }));
            return new Running(p, closure.target(), job, null, built);
        } catch (StagedmlException e) {
            return new Running(p, null, null, Text.oneLine(e), built);
        }
    }

    /** Reports each configuration as it ends, in the order they end. */
    private void awaitAll(List<Running> running, String metric, List<SweepOutcome> outcomes, SweepListener listener)
            throws InterruptedException {
        while (outcomes.size() < running.size()) {
            boolean any = false;
            for (Running r : running) {
                if (!r.ended && r.isDone()) {
                    r.ended = true;
                    any = true;
                    SweepOutcome o = outcome(r, metric);
                    outcomes.add(o);
                    if (listener != null) {
                        listener.ended(o, outcomes.size(), running.size());
                    }
                }
            }
            if (!any) {
                Thread.sleep(POLL_MS);
            }
        }
    }

    private SweepOutcome outcome(Running r, String metric) throws InterruptedException {
        if (r.job == null) {
            return failed(r, r.error);
        }
        List<RRef> rrefs;
        try {
            rrefs = r.job.await();
        } catch (CancelledException e) {
            throw e; // the realizer cancelled it (it is stopping): the sweep is cancelled, not this configuration failed
        } catch (StagedmlException e) {
            return failed(r, Text.oneLine(e));
        }
        List<Double> values = new ArrayList<>();
        for (RRef rref : rrefs) {
            values.add(realizer.metrics(rref).get(metric));
        }
        return new SweepOutcome(r.point, r.target, rrefs, MetricSummary.of(values), r.built.get(), "");
    }

    private static SweepOutcome failed(Running r, String error) {
        return new SweepOutcome(r.point, r.target, List.of(), MetricSummary.of(List.of()), r.built.get(), error);
    }

    /**
     * A configuration that failed is kept under its root too (its derivation, which has no
     * realization), so that the dashboard finds the whole sweep in the store; none when it could
     * not be instantiated.
     */
    private void rootFailed(List<SweepOutcome> outcomes, String root) {
        for (SweepOutcome o : outcomes) {
            if (o.failed() && o.dref() != null && store.derivation(o.dref()).isPresent()) {
                try {
                    store.addRoot(root + "." + o.point().index(), o.dref());
                } catch (IOException | StagedmlException e) {
                    // the ranking still reports it; only the dashboard will not list it
                }
            }
        }
    }

    /**
     * Cancels every job and waits (bounded; a second interrupt stops waiting) for their cleanup, then
     * removes the roots {@code <root>.<i>} of the configurations that ended before the cancel, so the
     * sweep leaves no root behind. A job still running after the wait removes its root when it ends.
     */
    private CancelledException cancel(List<Running> running, String stage, int ended, String root) {
        running.stream().filter(r -> r.job != null).forEach(r -> r.job.cancel());
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MS;
        while (running.stream().anyMatch(r -> !r.isDone()) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException again) {
                break;
            }
        }
        for (Running r : running) {
            String name = root + "." + r.point.index();
            if (r.isDone()) {
                removeRoot(name);
            } else { // a build that ignores cancellation: its job adds the root when it ends, so remove it then
                Thread later = new Thread(() -> {
                    try {
                        r.job.await();
                    } catch (InterruptedException | RuntimeException e) {
                        // ended either way
                    }
                    removeRoot(name);
                }, "stagedml-sweep-unroot-" + r.point.index());
                later.setDaemon(true);
                later.start();
            }
        }
        return new CancelledException("sweep of " + stage + " cancelled: " + ended + " of " + running.size()
                + " configuration(s) had ended; the sweep's roots are removed (what ended is left to gc)");
    }

    private void removeRoot(String name) {
        try {
            store.removeRoot(name);
        } catch (IOException | StagedmlException e) {
            // store:roots shows it; store:root-rm removes it
        }
    }
}
