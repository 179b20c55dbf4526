package org.stagedml.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;

/**
 * {@code /events}: server-sent events, one JSON message per realize event or finished job of this
 * process, for the builds page. A comment line every few seconds finds pages that went away.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/events", Whiteboard.SELECT, Whiteboard.TARGET})
public class EventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_FOLLOWERS = 32;
    private static final long KEEPALIVE_MS = 5_000;
    private final transient BuildMonitor monitor;
    private final transient DashboardServer server;

    @Activate
    public EventsServlet(@Reference BuildMonitor monitor, @Reference DashboardServer server) {
        this.monitor = monitor;
        this.server = server;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (monitor.followers() >= MAX_FOLLOWERS) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "too many pages follow the builds; close some");
            return;
        }
        resp.setContentType("text/event-stream;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        OutputStream out = resp.getOutputStream();
        BlockingQueue<BuildMonitor.Update> q = monitor.follow();
        try {
            StringBuilder now = new StringBuilder("retry: 2000\n\n");
            // what happened before this page connected (it may have rendered before a job ended):
            // after follow(), so that nothing falls between; a repeated update changes nothing
            List<BuildMonitor.Job> jobs = new ArrayList<>(monitor.jobs());
            Collections.reverse(jobs);
            for (BuildMonitor.Job j : jobs) {
                j.steps().forEach(st -> now.append("data: ").append(step(j.id, st)).append("\n\n"));
                if (j.done()) {
                    now.append("data: ").append(json(new BuildMonitor.Update(null, j))).append("\n\n");
                }
            }
            out.write(now.toString().getBytes(StandardCharsets.UTF_8));
            resp.flushBuffer();
            while (server.running() != null) {
                BuildMonitor.Update u = q.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
                String chunk = u == null ? ": keepalive\n\n" : "data: " + json(u) + "\n\n";
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the page went away
        } finally {
            monitor.unfollow(q);
        }
    }

    /** The state of one derivation of a job, as the event that would bring it there. */
    static String step(long job, BuildMonitor.Step s) {
        return event(job, s.state(), s.dref(), s.rref(), s.fraction(), s.message());
    }

    private static String event(long job, RealizeEvent.Type type, DRef dref, RRef rref, double fraction, String message) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", "event");
        o.put("job", job);
        o.put("type", type.name());
        o.put("dref", dref.toString());
        o.put("stage", dref.name());
        o.put("rref", rref == null ? null : rref.toString());
        o.put("fraction", fraction);
        o.put("message", message);
        return o.toString();
    }

    static String json(BuildMonitor.Update u) {
        if (u.event() != null) {
            RealizeEvent e = u.event();
            return event(e.job(), e.type(), e.dref(), e.rref(), e.fraction(), e.message());
        }
        BuildMonitor.Job j = u.finished();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", "job");
        o.put("job", j.id);
        o.put("outcome", j.outcome);
        o.put("target", j.target == null ? null : j.target.name());
        o.putArray("result").addAll(j.result.stream().map(r -> o.textNode(r.toString())).toList());
        return o.toString();
    }
}
