package org.stagedml.web.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeListener;

/**
 * What the builds of this process are doing, for the builds page and its server-sent events: a
 * whiteboard {@link RealizeListener} that sees every realize job, keeps the state of each
 * derivation of the recent jobs, and hands each event to the pages following them.
 */
@Component(service = {RealizeListener.class, BuildMonitor.class})
public class BuildMonitor implements RealizeListener {
    /** Jobs kept for the builds page, newest first beyond this are forgotten. */
    static final int KEPT_JOBS = 50;
    /** Events a slow page may fall behind by before it misses some (it then reloads). */
    static final int QUEUE = 1000;

    /** One derivation of a job as last reported. */
    record Step(DRef dref, RealizeEvent.Type state, double fraction, String message, RRef rref, Instant time) {
    }

    /** A job: its derivations in the order first seen; target and outcome when the dashboard started it. */
    static final class Job {
        final long id;
        final Instant started;
        final Map<DRef, Step> steps = new LinkedHashMap<>();
        volatile DRef target;
        volatile String outcome = "";
        volatile List<RRef> result = List.of();

        Job(long id, Instant started) {
            this.id = id;
            this.started = started;
        }

        synchronized List<Step> steps() {
            return List.copyOf(steps.values());
        }

        boolean done() {
            return !outcome.isEmpty();
        }
    }

    /** What a page following the builds receives: an event, or the end of a job (outcome set). */
    record Update(RealizeEvent event, Job finished) {
    }

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final List<BlockingQueue<Update>> followers = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RealizeEvent e) {
        try {
            Job job = job(e.job(), e.time());
            synchronized (job) {
                Step old = job.steps.get(e.dref());
                String message = e.type() == RealizeEvent.Type.LOG && old != null ? old.message() : e.message();
                RealizeEvent.Type state = e.type() == RealizeEvent.Type.LOG && old != null ? old.state() : e.type();
                double fraction = e.fraction() >= 0 ? e.fraction() : old == null ? -1 : old.fraction();
                if (e.type() == RealizeEvent.Type.FINISHED || e.type() == RealizeEvent.Type.CACHED) {
                    fraction = 1;
                }
                job.steps.put(e.dref(), new Step(e.dref(), state, fraction, message, e.rref() != null ? e.rref()
                        : old == null ? null : old.rref(), e.time()));
            }
            publish(new Update(e, null));
        } catch (RuntimeException ex) {
            // a listener must never throw into a build
        }
    }

    /** Records a job the dashboard started, so that its page can say what it was for. */
    Job track(long id, DRef target) {
        Job job = job(id, Instant.now());
        job.target = target;
        return job;
    }

    /** Records how a job ended and tells the pages following. */
    void finished(Job job, String outcome, List<RRef> result) {
        job.result = List.copyOf(result);
        job.outcome = outcome;
        publish(new Update(null, job));
    }

    /** The recent jobs, newest first. */
    List<Job> jobs() {
        List<Job> list = new ArrayList<>(jobs.values());
        list.sort((a, b) -> Long.compare(b.id, a.id));
        return list;
    }

    Job get(long id) {
        return jobs.get(id);
    }

    /** A queue receiving every update from now on; {@link #unfollow} it when the page goes. */
    BlockingQueue<Update> follow() {
        BlockingQueue<Update> q = new LinkedBlockingQueue<>(QUEUE);
        followers.add(q);
        return q;
    }

    void unfollow(BlockingQueue<Update> q) {
        followers.remove(q);
    }

    int followers() {
        return followers.size();
    }

    private Job job(long id, Instant time) {
        Job job = jobs.computeIfAbsent(id, k -> new Job(k, time));
        if (jobs.size() > KEPT_JOBS) {
            jobs.keySet().stream().sorted().limit(jobs.size() - KEPT_JOBS).toList().forEach(jobs::remove);
        }
        return job;
    }

    private void publish(Update u) {
        for (BlockingQueue<Update> q : followers) {
            q.offer(u); // a page that does not keep up misses updates rather than slowing a build
        }
    }
}
