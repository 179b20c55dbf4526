package org.stagedml.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.stagedml.api.history.History;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.Png;
import org.stagedml.plot.Series;

/**
 * The PNG of a sweep: the metric's mean against each varied key (a key whose values are not all
 * numbers is drawn against their rank in the plan), with mean +- sd; then the training curves
 * (history.jsonl) of the best configurations when they wrote any.
 */
final class SweepPlot {
    /** How many of the best configurations' curves are drawn. */
    static final int BEST_CURVES = 3;
    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;

    private SweepPlot() {
    }

    /**
     * @param history where a realization's history.jsonl would be
     * @return how many charts were drawn
     */
    static int write(Path png, SweepResult result, Function<org.stagedml.api.RRef, Path> history) throws IOException {
        List<LineChart> charts = new ArrayList<>();
        for (String key : result.keys()) {
            charts.add(againstKey(result, key));
        }
        LineChart curves = bestCurves(result, history);
        if (!curves.series().isEmpty()) {
            charts.add(curves);
        }
        Png.write(png, 2, WIDTH, HEIGHT, charts);
        return charts.size();
    }

    private static LineChart againstKey(SweepResult result, String key) {
        SweepResult.Against a = result.against(key);
        List<double[]> pts = a.points();
        List<Series> series = new ArrayList<>();
        series.add(Series.of(result.metric() + " (mean)", column(pts, 0), column(pts, 1)));
        if (pts.stream().anyMatch(p -> Double.isFinite(p[2]))) {
            double[] lo = pts.stream().mapToDouble(p -> p[1] - p[2]).toArray();
            double[] hi = pts.stream().mapToDouble(p -> p[1] + p[2]).toArray();
            series.add(Series.of("mean - sd", column(pts, 0), lo));
            series.add(Series.of("mean + sd", column(pts, 0), hi));
        }
        return new LineChart(result.stage() + ": " + result.metric() + " against " + key, a.axis(), result.metric(), series);
    }

    private static LineChart bestCurves(SweepResult result, Function<org.stagedml.api.RRef, Path> history)
            throws IOException {
        List<Series> series = new ArrayList<>();
        int drawn = 0;
        for (SweepOutcome o : result.ranked()) {
            if (drawn == BEST_CURVES || o.failed() || o.rref() == null) {
                break;
            }
            drawn++;
            List<double[]> pts = History.read(history.apply(o.rref())).curve(result.metric());
            if (pts.isEmpty()) {
                continue;
            }
            series.add(Series.of("#" + drawn + " " + o.point(), column(pts, 0), column(pts, 1)));
        }
        return new LineChart(result.stage() + ": " + result.metric() + " during training, best configurations",
                "step", result.metric(), series);
    }

    private static double[] column(List<double[]> pts, int i) {
        return pts.stream().mapToDouble(p -> p[i]).toArray();
    }
}
