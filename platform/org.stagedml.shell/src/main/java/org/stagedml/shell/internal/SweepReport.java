package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.sweep.SweepListener;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepResult;

/**
 * What {@code stage:sweep} prints: a line per configuration as it ends, then the ranking table
 * (best marked), the plot's path, the root, and the best configuration's RRef last.
 */
final class SweepReport {
    private SweepReport() {
    }

    /** One line per configuration as it ends, with the overall count. */
    static SweepListener progress(PrintStream out) {
        return (o, done, total) -> {
            String what = o.failed() ? "FAILED: " + o.error()
                    : (o.built() ? "built" : "from store") + "  mean " + number(o.summary().mean())
                            + "  " + o.rref();
            out.println("[" + done + "/" + total + "] " + o.point() + "  " + what);
            out.flush();
        };
    }

    static void print(PrintStream out, SweepResult r) {
        List<String> header = new ArrayList<>(List.of("RANK"));
        header.addAll(r.keys());
        header.addAll(List.of(r.metric().toUpperCase(Locale.ROOT) + " (" + (r.maximize() ? "max" : "min") + ")",
                "SD", "N", "RESULT"));
        Table t = new Table(header);
        SweepOutcome best = r.best().orElse(null);
        int rank = 0;
        for (SweepOutcome o : r.ranked()) {
            List<String> row = new ArrayList<>();
            rank++;
            row.add((o == best ? "* " : "  ") + rank);
            r.keys().forEach(k -> row.add(o.point().values().getOrDefault(k, "-")));
            MetricSummary s = o.summary();
            row.add(s.n() == 0 ? "-" : number(s.mean()));
            row.add(s.n() < 2 ? "-" : number(s.sd()));
            row.add(Integer.toString(s.n()));
            row.add(o.failed() ? "failed: " + o.error() : s.n() == 0 ? "no metric " + r.metric() : o.built() ? "built" : "from store");
            t.row(row);
        }
        t.print(out);
        long built = r.ranked().stream().filter(SweepOutcome::built).count();
        out.println("done: " + r.ranked().size() + " configuration(s): " + built + " built, "
                + (r.ranked().size() - built - r.failures()) + " from store, " + r.failures() + " failed");
        out.println(r.plot() == null ? "plot       (none drawn)" : "plot       " + r.plot());
        if (r.root() != null) {
            out.println("root       " + r.root() + " -> " + best.dref() + " (the others: " + r.root() + ".<n>)");
        }
        if (best == null) {
            out.println("no configuration has the metric " + r.metric() + "; nothing is best");
        } else {
            out.println("best       " + best.point() + "  " + r.metric() + " " + number(best.summary().mean()));
            out.println(best.rref());
        }
        out.flush();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
