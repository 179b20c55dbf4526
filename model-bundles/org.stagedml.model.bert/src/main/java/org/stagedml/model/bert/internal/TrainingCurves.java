package org.stagedml.model.bert.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of the training curves drawn with java.awt (headless): training loss per step on the left
 * axis, and the dev metric per epoch on the right axis (scaled to [0, 1]).
 */
final class TrainingCurves {
    private static final int W = 800;
    private static final int H = 480;
    private static final int PAD = 60;

    private TrainingCurves() {
    }

    /** {@code loss[i]} at step i; {@code dev[e]} after epoch e+1 (at step {@code epochEnds[e]}). */
    static void write(Path png, String title, List<Double> loss, List<Double> dev, List<Long> epochEnds, String devName)
            throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawRect(PAD, PAD, W - 2 * PAD, H - 2 * PAD);
            g.drawString(title, PAD, PAD - 25);
            double maxLoss = loss.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(1);
            maxLoss = maxLoss <= 0 ? 1 : maxLoss;
            int steps = Math.max(1, loss.size() - 1);
            g.drawString(String.format("loss (max %.3f)", maxLoss), PAD, PAD - 8);
            g.drawString("step " + steps, W - PAD - 50, H - PAD + 20);
            g.setColor(new Color(0x1f77b4));
            g.setStroke(new BasicStroke(1.2f));
            for (int i = 1; i < loss.size(); i++) {
                g.drawLine(x(i - 1, steps), y(loss.get(i - 1) / maxLoss), x(i, steps), y(loss.get(i) / maxLoss));
            }
            g.setColor(new Color(0xd62728));
            g.setStroke(new BasicStroke(2f));
            g.drawString("dev " + devName + " (0..1)", W - PAD - 140, PAD - 8);
            for (int e = 0; e < dev.size(); e++) {
                int px = x(epochEnds.get(e), steps);
                int py = y(Math.max(0, Math.min(1, dev.get(e))));
                g.fillOval(px - 4, py - 4, 8, 8);
                if (e > 0) {
                    g.drawLine(x(epochEnds.get(e - 1), steps), y(Math.max(0, Math.min(1, dev.get(e - 1)))), px, py);
                }
                g.drawString(String.format("%.3f", dev.get(e)), px - 15, py - 8);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static int x(double step, int steps) {
        return PAD + (int) Math.round(step / steps * (W - 2 * PAD));
    }

    private static int y(double fraction) {
        return H - PAD - (int) Math.round(fraction * (H - 2 * PAD));
    }
}
