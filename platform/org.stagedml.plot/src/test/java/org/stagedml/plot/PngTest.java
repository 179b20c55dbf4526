package org.stagedml.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    @TempDir
    Path dir;

    private static LineChart curves() {
        double[] steps = {0, 10, 20, 30, Double.NaN};
        return new LineChart("Loss", "step", "loss", "accuracy", List.of(
                Series.of("train", steps, new double[] {2.3, 1.1, 0.7, 0.5, 0.4}),
                new Series("dev accuracy", new double[] {10, 30}, new double[] {0.7, 0.85}, true)));
    }

    @Test
    void chartsAreLaidOutInAGridInOnePng() throws Exception {
        Path png = dir.resolve("sub/curves.png");
        MatrixChart confusion = new MatrixChart("Confusion", List.of("cat", "dog", "eel"),
                new int[][] {{50, 2, 1}, {3, 40, 0}, {0, 0, 9}});
        Png.write(png, 2, 600, 450, List.of(curves(), confusion));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(450, image.getHeight());
        assertEquals("PNG", new String(Files.readAllBytes(png), 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(Files.exists(dir.resolve("sub/curves.png.tmp")), "the temporary file is gone");

        Png.write(png, 1, 600, 450, List.of(curves(), confusion));
        image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(900, image.getHeight(), "one column: the charts stacked");
    }

    @Test
    void aFileThatCannotBeWrittenIsAPlotExceptionNamingIt() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Path png = notAFolder.resolve("plot.png");
        PlotException e = assertThrows(PlotException.class, () -> Png.write(png, 1, 300, 200, List.of(curves())));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Png.write(dir.resolve("x.png"), 1, 300, 200, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Series.of("s", new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new MatrixChart("m", List.of(), new int[][] {{1, 2}}));
    }
}
