package org.stagedml.model.convnet.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.stagedml.engine.dl4j.training.MinibatchLoop;

/**
 * The two PNGs of a run, drawn with plain Java2D (headless, no chart library to ship):
 * training curves (loss by step, test accuracy by epoch) and the test confusion matrix.
 */
public final class Plots {
    private static final Color[] SERIES = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)};

    /** One line of a chart: points (x[i], y[i]) drawn with a legend name. */
    record Series(String name, double[] x, double[] y) {
    }

    private Plots() {
    }

    /** curves.png: left, training loss by step and test loss by epoch end; right, test accuracy by epoch. */
    public static void curves(double[] steps, double[] stepLoss, List<EpochResult> epochs, Path file) throws IOException {
        int n = epochs.size();
        double[] epochStep = new double[n];
        double[] testLoss = new double[n];
        double[] epochNo = new double[n];
        double[] accuracy = new double[n];
        for (int i = 0; i < n; i++) {
            EpochResult e = epochs.get(i);
            epochStep[i] = e.step();
            testLoss[i] = e.test().loss();
            epochNo[i] = e.epoch();
            accuracy[i] = e.test().accuracy();
        }
        BufferedImage image = new BufferedImage(1200, 450, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = prepare(image);
        chart(g, 0, 0, 600, 450, "Loss", "step", List.of(
                new Series("train (mean of " + MinibatchLoop.HISTORY_EVERY + " batches)", steps, stepLoss),
                new Series("test", epochStep, testLoss)));
        chart(g, 600, 0, 600, 450, "Test accuracy", "epoch", List.of(new Series("accuracy", epochNo, accuracy)));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** confusion.png: rows are actual classes, columns predicted; cells shaded by row share. */
    public static void confusion(int[][] m, List<String> names, Path file) throws IOException {
        int k = m.length;
        int cell = Math.max(28, Math.min(64, 640 / Math.max(1, k)));
        int left = 130;
        int top = 60;
        int bottom = 120;
        BufferedImage image = new BufferedImage(left + k * cell + 30, top + k * cell + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = prepare(image);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Confusion matrix (test set): rows actual, columns predicted", 10, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, cell / 4)));
        FontMetrics fm = g.getFontMetrics();
        for (int a = 0; a < k; a++) {
            long rowSum = 0;
            for (int p = 0; p < k; p++) {
                rowSum += m[a][p];
            }
            for (int p = 0; p < k; p++) {
                double share = rowSum == 0 ? 0 : (double) m[a][p] / rowSum;
                int shade = (int) Math.round(255 * (1 - share));
                g.setColor(a == p ? new Color(shade, shade, 255) : new Color(255, shade, shade));
                g.fillRect(left + p * cell, top + a * cell, cell, cell);
                g.setColor(share > 0.6 ? Color.WHITE : Color.BLACK);
                String s = Integer.toString(m[a][p]);
                g.drawString(s, left + p * cell + (cell - fm.stringWidth(s)) / 2, top + a * cell + (cell + fm.getAscent()) / 2 - 2);
            }
            g.setColor(Color.BLACK);
            String name = label(names, a);
            g.drawString(name, left - 8 - fm.stringWidth(name), top + a * cell + (cell + fm.getAscent()) / 2 - 2);
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, k * cell, k * cell);
        g.setColor(Color.BLACK);
        AffineTransform straight = g.getTransform();
        for (int p = 0; p < k; p++) {
            g.setTransform(straight);
            g.translate(left + p * cell + cell / 2 + fm.getAscent() / 2, top + k * cell + 8);
            g.rotate(Math.PI / 2);
            g.drawString(label(names, p), 0, 0);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String label(List<String> names, int i) {
        return i < names.size() ? names.get(i) : Integer.toString(i);
    }

    private static Graphics2D prepare(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** A line chart with axes, ticks and a legend inside the box (x, y, w, h). */
    private static void chart(Graphics2D g, int x, int y, int w, int h, String title, String xLabel, List<Series> series) {
        int l = x + 70;
        int r = x + w - 20;
        int t = y + 40;
        int b = y + h - 50;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                minX = Math.min(minX, s.x()[i]);
                maxX = Math.max(maxX, s.x()[i]);
                minY = Math.min(minY, s.y()[i]);
                maxY = Math.max(maxY, s.y()[i]);
            }
        }
        if (!(minX < maxX)) {
            minX = Double.isFinite(minX) ? minX - 1 : 0;
            maxX = minX + 2;
        }
        if (!(minY < maxY)) {
            double v = Double.isFinite(minY) ? minY : 0;
            minY = v - 0.05;
            maxY = v + 0.05;
        }
        boolean integerX = series.stream().allMatch(s -> java.util.Arrays.stream(s.x()).allMatch(v -> v == Math.rint(v)));
        int xTicks = integerX ? (int) Math.max(1, Math.min(5, Math.round(maxX - minX))) : 5;
        double padY = (maxY - minY) * 0.05;
        minY -= padY;
        maxY += padY;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, l, y + 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(xLabel, (l + r) / 2 - fm.stringWidth(xLabel) / 2, b + 38);
        for (int i = 0; i <= 5; i++) {
            double vy = minY + (maxY - minY) * i / 5;
            int py = b - (int) Math.round((b - t) * (double) i / 5);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(l, py, r, py);
            g.setColor(Color.BLACK);
            String s = String.format("%.3f", vy);
            g.drawString(s, l - 6 - fm.stringWidth(s), py + fm.getAscent() / 2);
        }
        for (int i = 0; i <= xTicks; i++) {
            double vx = minX + (maxX - minX) * i / xTicks;
            int px = l + (int) Math.round((r - l) * (double) i / xTicks);
            String sx = integerX || Math.abs(vx - Math.rint(vx)) < 1e-9 ? Long.toString(Math.round(vx)) : String.format("%.1f", vx);
            g.drawString(sx, px - fm.stringWidth(sx) / 2, b + 18);
        }
        g.drawRect(l, t, r - l, b - t);
        g.setStroke(new BasicStroke(2f));
        int legendY = t + 18;
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(SERIES[si % SERIES.length]);
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < s.x().length; i++) {
                double px = l + (s.x()[i] - minX) / (maxX - minX) * (r - l);
                double py = b - (s.y()[i] - minY) / (maxY - minY) * (b - t);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
                if (s.x().length < 40) {
                    g.fillOval((int) px - 3, (int) py - 3, 7, 7);
                }
            }
            g.draw(path);
            g.drawLine(r - 200, legendY - 4, r - 180, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), r - 175, legendY);
            legendY += 16;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
