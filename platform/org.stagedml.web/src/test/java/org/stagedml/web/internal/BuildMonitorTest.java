package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeEvent.Type;

class BuildMonitorTest {
    private static final DRef D = new DRef("a".repeat(32), "example-random");
    private static final RRef R = RRef.of("b".repeat(32), D);

    private static RealizeEvent e(Type t, double fraction, String message, RRef rref) {
        return new RealizeEvent(7, t, D, rref, fraction, message, Instant.now());
    }

    @Test
    void eachDerivationKeepsItsLastStateAndFollowersGetEveryUpdate() throws Exception {
        BuildMonitor m = new BuildMonitor();
        BlockingQueue<BuildMonitor.Update> q = m.follow();
        m.onEvent(e(Type.STARTED, -1, "", null));
        m.onEvent(e(Type.PROGRESS, 0.4, "step 2/5", null));
        m.onEvent(e(Type.LOG, -1, "a log line", null));
        BuildMonitor.Step s = m.get(7).steps().get(0);
        assertEquals(Type.PROGRESS, s.state(), "a log line does not change the state");
        assertEquals(0.4, s.fraction());
        assertEquals("step 2/5", s.message());
        m.onEvent(e(Type.FINISHED, -1, "", R));
        s = m.get(7).steps().get(0);
        assertEquals(Type.FINISHED, s.state());
        assertEquals(1.0, s.fraction());
        assertEquals(R, s.rref());
        assertEquals(4, q.size());

        JsonNode event = Json.mapper().readTree(EventsServlet.json(q.poll()));
        assertEquals("event", event.get("kind").textValue());
        assertEquals("STARTED", event.get("type").textValue());
        assertEquals(D.toString(), event.get("dref").textValue());

        BuildMonitor.Job job = m.track(7, D);
        m.finished(job, "done", List.of(R));
        q.poll();
        q.poll();
        q.poll();
        JsonNode done = Json.mapper().readTree(EventsServlet.json(q.poll()));
        assertEquals("job", done.get("kind").textValue());
        assertEquals(R.toString(), done.get("result").get(0).textValue());
        m.unfollow(q);
        assertEquals(0, m.followers());
        assertTrue(EventsServlet.step(7, s).contains("\"FINISHED\""));
    }

    @Test
    void onlyTheRecentJobsAreKept() {
        BuildMonitor m = new BuildMonitor();
        for (int i = 1; i <= BuildMonitor.KEPT_JOBS + 5; i++) {
            m.onEvent(new RealizeEvent(i, Type.CACHED, D, R, -1, "", Instant.now()));
        }
        assertEquals(BuildMonitor.KEPT_JOBS, m.jobs().size());
        assertNull(m.get(1));
        assertEquals(BuildMonitor.KEPT_JOBS + 5, m.jobs().get(0).id);
    }
}
