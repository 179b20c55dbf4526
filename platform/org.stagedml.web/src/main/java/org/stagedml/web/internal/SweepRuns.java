package org.stagedml.web.internal;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.api.sweep.Sweeper;

/**
 * The sweeps started from the dashboard, each run on its own thread through the {@link Sweeper}
 * service (of the shell bundle; without it the dashboard cannot sweep), followed by the sweeps page.
 * Their configurations' builds show on the builds page like any realize; the dashboard stopping
 * cancels them (which leaves the store as it was, see Sweeper).
 */
@Component(service = SweepRuns.class)
public class SweepRuns {
    /** Runs kept for the sweeps page; older ones are forgotten. */
    static final int KEPT = 20;

    /** One sweep started here. */
    static final class Run {
        final long id;
        final String stage;
        final String what;
        final Thread thread;
        volatile int done;
        volatile int total;
        /** "" while it runs, then "done", "cancelled" or "failed: ..." */
        volatile String outcome = "";
        /** The sweep's root name once it ended with a best configuration. */
        volatile String root;

        Run(long id, String stage, String what, Thread thread) {
            this.id = id;
            this.stage = stage;
            this.what = what;
            this.thread = thread;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Deque<Run> runs = new ConcurrentLinkedDeque<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Sweeper sweeper;

    /** Starts a sweep in the background; a StagedmlException when this framework has no Sweeper. */
    Run start(SweepSpec spec, String what) {
        Sweeper s = sweeper;
        if (s == null) {
            throw new StagedmlException("no sweeps here: the Sweeper service (bundle org.stagedml.shell) is not running");
        }
        long id = ids.incrementAndGet();
        Run[] run = new Run[1];
        Thread t = new Thread(() -> run(s, spec, run[0]), "stagedml-web-sweep-" + id);
        run[0] = new Run(id, spec.stage(), what, t);
        t.setDaemon(true);
        runs.addFirst(run[0]);
        while (runs.size() > KEPT) {
            runs.pollLast();
        }
        t.start();
        return run[0];
    }

    private static void run(Sweeper s, SweepSpec spec, Run run) {
        try {
            SweepResult r = s.sweep(spec, (o, done, total) -> {
                run.done = done;
                run.total = total;
            });
            run.root = r.root();
            run.outcome = "done";
        } catch (CancelledException | InterruptedException e) {
            run.outcome = "cancelled";
        } catch (RuntimeException e) {
            run.outcome = "failed: " + e.getMessage();
        }
    }

    List<Run> runs() {
        return new ArrayList<>(runs);
    }

    @Deactivate
    void stop() {
        runs.forEach(r -> r.thread.interrupt());
    }

    /**
     * The spec of a sweep form: {@code values} is whitespace-separated {@code key=v1,v2,...} (their
     * product is swept), {@code instances} realizations each, {@code metric} name[:max|min] or blank.
     */
    static SweepSpec spec(String stage, String values, String instances, String metric) {
        Map<String, List<String>> grid = new java.util.LinkedHashMap<>();
        for (String word : (values == null ? "" : values.trim()).split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw new StagedmlException("'" + word + "' is not key=v1,v2: write each key to vary with its values, e.g. lr=0.001,0.01");
            }
            String key = word.substring(0, eq);
            if (grid.containsKey(key)) {
                throw new StagedmlException("key '" + key + "' is given twice; list all its values once: " + key + "=v1,v2");
            }
            List<String> vs = List.of(word.substring(eq + 1).split(",", -1));
            if (vs.contains("")) {
                throw new StagedmlException("'" + word + "' has an empty value; write " + key + "=v1,v2");
            }
            grid.put(key, vs);
        }
        int n;
        try {
            n = instances == null || instances.isBlank() ? 1 : Integer.parseInt(instances.trim());
        } catch (NumberFormatException e) {
            throw new StagedmlException("instances must be a whole number, not '" + instances + "'");
        }
        try {
            return new SweepSpec(stage, grid, 0, List.of(), 0, n, metric == null || metric.isBlank() ? null : metric.trim());
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(e.getMessage());
        }
    }
}
