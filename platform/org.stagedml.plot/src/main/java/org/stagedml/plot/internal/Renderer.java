package org.stagedml.plot.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.stagedml.plot.Chart;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.MatrixChart;
import org.stagedml.plot.Series;

/** One chart as an image, drawn by XChart. */
public final class Renderer {
    /** Above this many points a line is drawn without markers. */
    private static final int MARKERS_UP_TO = 40;

    private Renderer() {
    }

    public static BufferedImage image(Chart chart, int width, int height) {
        if (chart instanceof LineChart l) {
            return BitmapEncoder.getBufferedImage(line(l, width, height));
        }
        return BitmapEncoder.getBufferedImage(matrix((MatrixChart) chart, width, height));
    }

    private static XYChart line(LineChart l, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(l.title()).xAxisTitle(l.xTitle())
                .yAxisTitle(l.yTitle()).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(5);
        boolean second = false;
        for (Series s : l.series()) {
            double[] x = s.x();
            double[] y = s.y();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = c.addSeries(s.name(), xs, ys);
            if (xs.size() > MARKERS_UP_TO) {
                series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
            if (s.secondAxis()) {
                series.setYAxisGroup(1);
                second = true;
            }
        }
        if (second) {
            c.setYAxisGroupTitle(1, l.secondAxisTitle());
            c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return c;
    }

    /** Cells show their count, shaded by it; the first class is the top row. */
    private static HeatMapChart matrix(MatrixChart m, int width, int height) {
        int[][] counts = m.counts();
        int k = counts.length;
        HeatMapChart c = new HeatMapChartBuilder().width(width).height(height).title(m.title())
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x2171b5)});
        c.getStyler().setHeatMapValueDecimalPattern("0");
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            columns.add(m.label(i));
            rows.add(m.label(k - 1 - i)); // the first class at the top
        }
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - a, counts[a][p]});
            }
        }
        c.addSeries("counts", columns, rows, cells);
        return c;
    }
}
