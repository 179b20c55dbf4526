package org.stagedml.plot;

import java.awt.AWTError;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.stagedml.plot.internal.Renderer;

/**
 * Writes charts as one PNG file, laid out in a grid, headless. The file appears whole or not at
 * all (written beside it, then renamed). Where the Java runtime cannot draw (a bare headless JRE
 * without fonts or AWT's native libraries) a {@link PlotException} says so and what to install.
 */
public final class Png {
    private Png() {
    }

    /**
     * Draws the charts, {@code columns} per row, each {@code width} x {@code height} pixels, into
     * one PNG at {@code file} (its folder is created).
     */
    public static void write(Path file, int columns, int width, int height, List<? extends Chart> charts)
            throws PlotException {
        if (charts.isEmpty() || columns < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("nothing to draw into " + file + ": " + charts.size() + " chart(s), "
                    + columns + " column(s), " + width + "x" + height);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            List<BufferedImage> images = new ArrayList<>();
            for (Chart c : charts) {
                images.add(Renderer.image(c, width, height));
            }
            int rows = (images.size() + columns - 1) / columns;
            int cols = Math.min(columns, images.size());
            int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(width);
            int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(height);
            BufferedImage all = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = all.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, all.getWidth(), all.getHeight());
                for (int i = 0; i < images.size(); i++) {
                    g.drawImage(images.get(i), (i % columns) * cellW, (i / columns) * cellH, null);
                }
            } finally {
                g.dispose();
            }
            writeAtomically(all, file);
        } catch (PlotException e) {
            throw e;
        } catch (IOException e) {
            throw new PlotException("cannot write the plot " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            // AWT without fonts or native libraries: fontconfig missing, libfontmanager not loadable ...
            throw new PlotException("cannot draw the plot " + file + ": " + e
                    + " (Java needs a font to draw: install fontconfig and a font, e.g. apt-get install fontconfig"
                    + " fonts-dejavu-core)", e);
        }
    }

    private static void writeAtomically(BufferedImage image, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new PlotException("cannot write the plot " + file + ": no PNG writer in this Java runtime", null);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
