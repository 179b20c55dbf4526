package org.stagedml.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.history.History;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.Png;
import org.stagedml.plot.Series;

/**
 * The comparison PNG of store:compare, drawn through org.stagedml.plot: the training curves of
 * each realization's {@code history.jsonl} (x: step, one series per realization and metric) above
 * the metrics.json values across realizations.
 */
final class ComparePlot {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 480;

    private ComparePlot() {
    }

    /** What was drawn: how many curves and metric series. */
    record Drawn(int curves, int metricSeries, boolean sizesInstead) {
    }

    /**
     * Writes the PNG.
     *
     * @param labels one short label per realization ("#1" ...), in the order of {@code rs}
     */
    static Drawn write(Path png, String title, List<RealizationInfo> rs, List<String> labels) throws IOException {
        List<LineChart> charts = new ArrayList<>();
        LineChart curves = curves(title, rs, labels);
        if (!curves.series().isEmpty()) {
            charts.add(curves);
        }
        boolean sizes = rs.stream().allMatch(r -> r.metrics().isEmpty());
        LineChart metrics = sizes ? sizes(title, rs) : metrics(title, rs);
        charts.add(metrics);
        Png.write(png, 1, WIDTH, HEIGHT, charts);
        return new Drawn(curves.series().size(), metrics.series().size(), sizes);
    }

    private static LineChart curves(String title, List<RealizationInfo> rs, List<String> labels) throws IOException {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            for (Map.Entry<String, List<double[]>> s : History.read(rs.get(i).path().resolve(History.FILE)).curves().entrySet()) {
                List<double[]> pts = s.getValue();
                if (pts.isEmpty()) {
                    continue;
                }
                double[] x = new double[pts.size()];
                double[] y = new double[pts.size()];
                for (int p = 0; p < pts.size(); p++) {
                    x[p] = pts.get(p)[0];
                    y[p] = pts.get(p)[1];
                }
                series.add(Series.of(labels.get(i) + " " + s.getKey(), x, y));
            }
        }
        return new LineChart(title + ": training curves (history.jsonl)", "step", "value", series);
    }

    private static LineChart metrics(String title, List<RealizationInfo> rs) {
        TreeSet<String> names = new TreeSet<>();
        rs.forEach(r -> names.addAll(r.metrics().keySet()));
        List<Series> series = new ArrayList<>();
        for (String m : names) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                Double v = rs.get(i).metrics().get(m);
                if (v != null && Double.isFinite(v)) {
                    xs.add((double) (i + 1));
                    ys.add(v);
                }
            }
            if (!xs.isEmpty()) {
                series.add(Series.of(m, xs, ys));
            }
        }
        return new LineChart(title + ": metrics across realizations", "realization #", "value", series);
    }

    /** Without any metrics.json, the realizations' sizes, so that the plot still says something. */
    private static LineChart sizes(String title, List<RealizationInfo> rs) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            xs.add((double) (i + 1));
            ys.add(rs.get(i).sizeBytes() / 1024.0);
        }
        return new LineChart(title + ": no metrics.json; size across realizations", "realization #", "KiB",
                List.of(Series.of("size", xs, ys)));
    }
}
