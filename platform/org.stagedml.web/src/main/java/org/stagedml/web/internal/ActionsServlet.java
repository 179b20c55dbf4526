package org.stagedml.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.SweepSpec;

/**
 * The dashboard's only writes, each a POST that {@link AccessGuard} let through with the token:
 * {@code /actions/realize} (a stage with the overrides of its form, in the background; the target
 * kept under the root {@code last-<stage>} as stage:realize does), {@code /actions/sweep} (a sweep of
 * the stage over the product of the values given, in the background), {@code /actions/pin} and
 * {@code /actions/unpin} (GC roots). Each answers with a redirect to the page that shows the result.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/actions/*", Whiteboard.SELECT, Whiteboard.TARGET})
public class ActionsServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private final transient Realizer realizer;
    private final transient Store store;
    private final transient BuildMonitor monitor;
    private final transient SweepRuns sweeps;

    @Activate
    public ActionsServlet(@Reference Realizer realizer, @Reference Store store, @Reference BuildMonitor monitor,
            @Reference SweepRuns sweeps) {
        this.realizer = realizer;
        this.store = store;
        this.monitor = monitor;
        this.sweeps = sweeps;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "POST");
        throw new Problem(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "changes are made with POST from the dashboard's forms");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (segment(req)) {
            case "realize" -> realize(req, resp);
            case "sweep" -> sweep(req, resp);
            case "pin" -> pin(req, resp);
            case "unpin" -> unpin(req, resp);
            default -> throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no action " + segment(req));
        }
    }

    private void realize(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = required(req, "stage");
        StageInfo stage = realizer.stage(name).orElseThrow(() -> new Problem(HttpServletResponse.SC_NOT_FOUND,
                "no stage '" + name + "' is registered"));
        Map<String, String> overrides = StageServlet.overrides(stage, req.getParameterMap());
        int instances;
        try {
            instances = Integer.parseInt(req.getParameter("instances") == null ? "1" : req.getParameter("instances").trim());
        } catch (NumberFormatException e) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "instances must be a whole number");
        }
        if (instances < 1 || instances > 100) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "instances must be between 1 and 100, got " + instances);
        }
        Closure closure = realizer.instantiate(name, overrides);
        RealizeOptions options = RealizeOptions.defaults().withInstances(instances)
                .withRoot(RealizeOptions.lastRootName(closure.target().name()));
        if ("true".equals(req.getParameter("force"))) {
            options = options.withForce(closure.target().toString());
        }
        RealizeJob job = realizer.submit(closure, options);
        BuildMonitor.Job tracked = monitor.track(job.id(), closure.target());
        Thread waiter = new Thread(() -> {
            try {
                List<RRef> result = job.await();
                monitor.finished(tracked, "done", result);
            } catch (InterruptedException e) {
                job.cancel();
                monitor.finished(tracked, "cancelled", List.of());
            } catch (StagedmlException e) {
                monitor.finished(tracked, "failed: " + e.getMessage(), List.of());
            } catch (RuntimeException e) {
                monitor.finished(tracked, "failed: " + e, List.of());
            }
        }, "stagedml-web-realize-" + job.id());
        waiter.setDaemon(true);
        waiter.start();
        resp.sendRedirect("/builds#job-" + job.id());
    }

    private void sweep(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = required(req, "stage");
        if (realizer.stage(name).isEmpty()) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no stage '" + name + "' is registered");
        }
        String values = required(req, "values");
        SweepSpec spec = SweepRuns.spec(name, values, req.getParameter("instances"), req.getParameter("metric"));
        // a key the stage does not have, or a value it refuses, is said here rather than in the background
        Map<String, String> first = new java.util.LinkedHashMap<>();
        spec.grid().forEach((k, vs) -> first.put(k, vs.get(0)));
        realizer.instantiate(name, first);
        SweepRuns.Run run = sweeps.start(spec, values.trim());
        resp.sendRedirect("/sweeps#run-" + run.id);
    }

    private void pin(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RRef rref = rref(required(req, "rref"));
        String name = required(req, "name");
        store.addRoot(name, rref);
        resp.sendRedirect("/realization/" + rref);
    }

    private void unpin(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = required(req, "name");
        if (!store.removeRoot(name)) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "there is no root named '" + name + "'");
        }
        String back = req.getParameter("back");
        // only ever back to a page of this dashboard
        resp.sendRedirect(back != null && !back.isBlank() ? "/realization/" + rref(back.trim()) : "/");
    }

    private static String required(HttpServletRequest req, String param) {
        String v = req.getParameter(param);
        if (v == null || v.isBlank()) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "the form lacks '" + param + "'");
        }
        return v.trim();
    }
}
