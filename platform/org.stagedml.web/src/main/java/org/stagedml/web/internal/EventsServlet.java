package org.stagedml.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Json;
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
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
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

    static String json(BuildMonitor.Update u) {
        ObjectNode o = Json.mapper().createObjectNode();
        if (u.event() != null) {
            RealizeEvent e = u.event();
            o.put("kind", "event");
            o.put("job", e.job());
            o.put("type", e.type().name());
            o.put("dref", e.dref().toString());
            o.put("stage", e.dref().name());
            o.put("rref", e.rref() == null ? null : e.rref().toString());
            o.put("fraction", e.fraction());
            o.put("message", e.message());
        } else {
            BuildMonitor.Job j = u.finished();
            o.put("kind", "job");
            o.put("job", j.id);
            o.put("outcome", j.outcome);
            o.put("target", j.target == null ? null : j.target.name());
            o.putArray("result").addAll(j.result.stream().map(r -> o.textNode(r.toString())).toList());
        }
        return o.toString();
    }
}
