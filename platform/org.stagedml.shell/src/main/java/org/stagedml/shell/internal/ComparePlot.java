package org.stagedml.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.stagedml.api.Json;
import org.stagedml.api.RealizationInfo;

/**
 * Draws a comparison PNG with XChart: the training curves of each realization's
 * {@code history.jsonl} (x: step, one series per realization and metric) above the metrics.json
 * values across realizations. Runs headless.
 */
final class ComparePlot {
    /** Fields of a history record that are positions, not measurements; the first present is x. */
    private static final List<String> X_KEYS = List.of("step", "epoch", "iteration", "batch");
    private static final List<String> NOT_PLOTTED = List.of("step", "epoch", "iteration", "batch", "time",
            "timestamp", "instance");
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
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<BufferedImage> images = new ArrayList<>();
        XYChart curves = curves(title, rs, labels);
        int curveCount = curves.getSeriesMap().size();
        if (curveCount > 0) {
            images.add(BitmapEncoder.getBufferedImage(curves));
        }
        boolean sizes = rs.stream().allMatch(r -> r.metrics().isEmpty());
        XYChart metrics = sizes ? sizes(title, rs) : metrics(title, rs);
        int metricCount = metrics.getSeriesMap().size();
        images.add(BitmapEncoder.getBufferedImage(metrics));

        int height = images.stream().mapToInt(BufferedImage::getHeight).sum();
        int width = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(WIDTH);
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage i : images) {
                g.drawImage(i, 0, y, null);
                y += i.getHeight();
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(all, "png", tmp.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Drawn(curveCount, metricCount, sizes);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static XYChart curves(String title, List<RealizationInfo> rs, List<String> labels) throws IOException {
        XYChart c = chart(title + ": training curves (history.jsonl)", "step", "value");
        for (int i = 0; i < rs.size(); i++) {
            Map<String, List<double[]>> series = history(rs.get(i).path().resolve("history.jsonl"));
            for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
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
                c.addSeries(labels.get(i) + " " + s.getKey(), x, y);
            }
        }
        return c;
    }

    /** metric -> points (x, y) of one history.jsonl; empty when there is none. */
    static Map<String, List<double[]>> history(Path file) throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return series;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int index = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = Json.mapper().readTree(line);
                } catch (IOException e) {
                    continue; // a torn last line must not stop the plot
                }
                if (o == null || !o.isObject()) {
                    continue;
                }
                double x = index++;
                for (String k : X_KEYS) {
                    if (o.path(k).isNumber()) {
                        x = o.get(k).doubleValue();
                        break;
                    }
                }
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (NOT_PLOTTED.contains(f.getKey()) || !f.getValue().isNumber()) {
                        continue;
                    }
                    double y = f.getValue().doubleValue();
                    if (Double.isFinite(y)) {
                        series.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {x, y});
                    }
                }
            }
        }
        return series;
    }

    private static XYChart metrics(String title, List<RealizationInfo> rs) {
        XYChart c = chart(title + ": metrics across realizations", "realization #", "value");
        TreeSet<String> names = new TreeSet<>();
        rs.forEach(r -> names.addAll(r.metrics().keySet()));
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
                c.addSeries(m, xs, ys);
            }
        }
        return c;
    }

    /** Without any metrics.json, the realizations' sizes, so that the plot still says something. */
    private static XYChart sizes(String title, List<RealizationInfo> rs) {
        XYChart c = chart(title + ": no metrics.json; size across realizations", "realization #", "KiB");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            xs.add((double) (i + 1));
            ys.add(rs.get(i).sizeBytes() / 1024.0);
        }
        c.addSeries("size", xs, ys);
        return c;
    }
}
