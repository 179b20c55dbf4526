package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.stagedml.api.DRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeListener;

/**
 * Shows a realize job's progress. Events arrive on build threads and are queued; the command
 * thread prints them ({@link #follow}), so output goes to the command's own stream (Gogo redirects
 * System.out per command thread) and an interrupt of the command thread (Ctrl-C) reaches us.
 *
 * <p>On a terminal it keeps one bar line per running build at the bottom, redrawn in place, with
 * finished builds printed above; otherwise it prints plain lines, progress at most every 10 %.
 */
final class ProgressPrinter implements RealizeListener {
    private static final long REDRAW_MS = 150;
    private static final int BAR = 24;
    /** Bar lines fit an 80-column terminal. */
    static final int WIDTH = 79;
    private final BlockingQueue<RealizeEvent> queue = new LinkedBlockingQueue<>();
    private final PrintStream out;
    private final boolean terminal;
    /** running builds and their last progress */
    private final Map<DRef, Running> running = new LinkedHashMap<>();
    private final Map<DRef, Integer> lastDecile = new HashMap<>();
    private int drawnBars;
    private long lastDraw;
    private boolean dirty;
    private int built;
    private int cached;
    private int failed;

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onEvent(RealizeEvent event) {
        if (event != null) {
            queue.offer(event);
        }
    }

    /** Prints events until the job is done and every event is shown. Throws when interrupted. */
    void follow(RealizeJob job) throws InterruptedException {
        follow(job, () -> false);
    }

    /**
     * Prints events until the job is done and every event is shown, or until {@code stop} says so
     * (a build paused at a break point); a later call goes on where this one stopped.
     */
    void follow(RealizeJob job, java.util.function.BooleanSupplier stop) throws InterruptedException {
        try {
            // a job ends a few ms after its last event (roots set, temporary roots let go) and says so by
            // no event: wait briefly after events, longer while none come (a cached realize through the
            // StagedML server would otherwise end up to 100 ms late)
            long wait = 1;
            while (true) {
                RealizeEvent e = queue.poll(wait, TimeUnit.MILLISECONDS);
                wait = e != null ? 1 : Math.min(100, wait * 2);
                if (e != null) {
                    handle(e);
                    List<RealizeEvent> more = new ArrayList<>();
                    queue.drainTo(more);
                    for (RealizeEvent m : more) {
                        handle(m);
                    }
                }
                // a job's events are all queued when it is done: end now, not after another empty poll
                // (100 ms of every realize, which the StagedML server's clients would wait for)
                if (job.isDone() || (e == null && stop.getAsBoolean())) {
                    List<RealizeEvent> rest = new ArrayList<>();
                    queue.drainTo(rest);
                    rest.forEach(this::handle);
                    break;
                }
                redrawIfDue(false);
            }
        } finally {
            clearBars();
            out.flush();
        }
    }

    int built() {
        return built;
    }

    int cached() {
        return cached;
    }

    int failed() {
        return failed;
    }

    private void handle(RealizeEvent e) {
        DRef d = e.dref();
        switch (e.type()) {
            case STARTED -> {
                running.put(d, new Running(0, "started"));
                lastDecile.put(d, 0);
                if (!terminal) {
                    out.println("started    " + d);
                }
                dirty = true;
            }
            case PROGRESS -> {
                double f = Math.max(0, Math.min(1, e.fraction()));
                running.put(d, new Running(f, e.message()));
                int decile = (int) Math.floor(f * 10);
                if (!terminal && decile > lastDecile.getOrDefault(d, 0)) {
                    lastDecile.put(d, decile);
                    out.println(String.format(Locale.ROOT, "  %3d%% %s%s", Math.round(f * 100), d.name(),
                            e.message() == null || e.message().isBlank() ? "" : ": " + e.message()));
                }
                dirty = true;
            }
            case LOG -> {
                // build logs are kept with the realization: store:log shows them; an executor's job states are shown
                if (e.message() != null && e.message().startsWith(org.stagedml.api.execute.BuildMonitor.STATE_PREFIX)) {
                    permanent("  " + e.message().substring(org.stagedml.api.execute.BuildMonitor.STATE_PREFIX.length()));
                }
            }
            case FINISHED -> {
                running.remove(d);
                built++;
                permanent("built      " + (e.rref() != null ? e.rref() : d));
            }
            case CACHED -> {
                running.remove(d);
                cached++;
                permanent("from store " + (e.rref() != null ? e.rref() : d));
            }
            case FAILED -> {
                running.remove(d);
                failed++;
                String why = e.message() == null ? "" : firstLine(e.message());
                // FAILED also reports cancelled builds; say which
                permanent((why.contains("cancelled") ? "cancelled  " : "failed     ") + d
                        + (why.isBlank() ? "" : ": " + why));
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A line that stays: above the bars on a terminal. */
    private void permanent(String line) {
        if (terminal) {
            clearBars();
            out.println(line);
            dirty = true;
            redrawIfDue(true);
        } else {
            out.println(line);
        }
    }

    private void redrawIfDue(boolean now) {
        if (!terminal || !dirty) {
            return;
        }
        long t = System.currentTimeMillis();
        if (!now && t - lastDraw < REDRAW_MS) {
            return;
        }
        clearBars();
        for (Map.Entry<DRef, Running> r : running.entrySet()) {
            out.println(bar(r.getKey(), r.getValue()));
        }
        drawnBars = running.size();
        out.flush();
        lastDraw = t;
        dirty = false;
    }

    private void clearBars() {
        if (terminal && drawnBars > 0) {
            // cursor to the start of the first bar line, then clear to the end of the screen
            out.print("\033[" + drawnBars + "F\033[J");
            drawnBars = 0;
            dirty = true;
        }
    }

    /** One bar line, never wider than {@link #WIDTH} (a wrapped line would break the redraw). */
    static String bar(DRef d, Running r) {
        int filled = (int) Math.round(r.fraction * BAR);
        String msg = r.message == null ? "" : r.message.replace('\n', ' ');
        String line = String.format(Locale.ROOT, "%-20s [%s%s] %3d%% %s", d.name(), "#".repeat(filled),
                ".".repeat(BAR - filled), Math.round(r.fraction * 100), msg);
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }

    record Running(double fraction, String message) {
    }
}
