package org.stagedml.dataset.owndata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.testing.RealizeFixture;

/** image-folder on stripes the test draws: horizontal and vertical, as PNG and JPEG. */
class ImageFolderStageTest {
    @TempDir
    Path tmp;
    RealizeFixture fx;

    @BeforeEach
    void setUp() {
        fx = new RealizeFixture(tmp.resolve("store")).add("org.stagedml.dataset.owndata", new ImageFolderStage());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** A 32x32 image of stripes two pixels wide: bright on dark, horizontal or vertical. */
    static BufferedImage stripes(boolean vertical, Random r) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        int phase = r.nextInt(4);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int v = ((vertical ? x : y) + phase) % 4 < 2 ? 220 : 30;
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    /** Writes n images per class under root/horizontal and root/vertical (every third a JPEG). */
    static void folder(Path root, int n) throws Exception {
        Random r = new Random(5);
        for (String k : new String[] {"horizontal", "vertical"}) {
            Path d = Files.createDirectories(root.resolve(k));
            for (int i = 0; i < n; i++) {
                String type = i % 3 == 0 ? "jpg" : "png";
                ImageIO.write(stripes(k.equals("vertical"), r), type, d.resolve(i + "." + type).toFile());
            }
        }
    }

    @Test
    void classFoldersBecomeIdxFilesOfTheGivenSize() throws Exception {
        Path root = tmp.resolve("imgs");
        folder(root, 60);
        Files.writeString(root.resolve("horizontal/notes.txt"), "not an image");
        RRef r = fx.realize("image-folder", Map.of("path", root.toString(), "size", 16));
        JsonNode info = Json.mapper().readTree(fx.file(r, "dataset.json").toFile());
        assertEquals("[\"horizontal\",\"vertical\"]", info.get("classes").toString());
        assertEquals(16, info.get("rows").asInt());
        assertEquals(120, info.get("train").asInt() + info.get("dev").asInt() + info.get("test").asInt());
        try (DataInputStream in = new DataInputStream(Files.newInputStream(fx.file(r, "train-images-idx3-ubyte")))) {
            assertEquals(0x803, in.readInt());
            int count = in.readInt();
            assertEquals(info.get("train").asInt(), count);
            assertEquals(16, in.readInt());
            assertEquals(16, in.readInt());
            byte[] img = new byte[16 * 16];
            in.readFully(img);
            // the first image's stripes survive the resize: rows (horizontal) or columns (vertical) vary
            assertTrue(variation(img, true) > 0 || variation(img, false) > 0);
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(fx.file(r, "train-labels-idx1-ubyte")))) {
            assertEquals(0x801, in.readInt());
            assertEquals(info.get("train").asInt(), in.readInt());
        }
    }

    /** The mean absolute difference between neighbouring rows (or columns). */
    private static double variation(byte[] img, boolean alongRows) {
        double sum = 0;
        for (int a = 0; a < 15; a++) {
            for (int b = 0; b < 16; b++) {
                int p = alongRows ? (img[a * 16 + b] & 0xff) : (img[b * 16 + a] & 0xff);
                int q = alongRows ? (img[(a + 1) * 16 + b] & 0xff) : (img[b * 16 + a + 1] & 0xff);
                sum += Math.abs(p - q);
            }
        }
        return sum / (15 * 16);
    }

    @Test
    void threeChannelsAreWrittenAsIdx4() throws Exception {
        Path root = tmp.resolve("rgb");
        folder(root, 20);
        RRef r = fx.realize("image-folder", Map.of("path", root.toString(), "channels", 3, "size", 8));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(fx.file(r, "train-images-idx3-ubyte")))) {
            assertEquals(0x804, in.readInt());
            in.readInt();
            assertEquals(8, in.readInt());
            assertEquals(8, in.readInt());
            assertEquals(3, in.readInt());
        }
    }

    @Test
    void badFoldersAreClearErrors() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one/cats"));
        ImageIO.write(stripes(true, new Random(1)), "png", one.resolve("a.png").toFile());
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> fx.realize("image-folder", Map.of("path", tmp.resolve("one").toString())));
        assertTrue(e.getMessage().contains("1 class folder"), e.getMessage());
        Path broken = tmp.resolve("broken");
        folder(broken, 10);
        Files.writeString(broken.resolve("vertical/bad.png"), "not a png");
        e = assertThrows(StagedmlException.class, () -> fx.realize("image-folder", Map.of("path", broken.toString())));
        assertTrue(e.getMessage().contains("bad.png") && e.getMessage().contains("not a readable"), e.getMessage());
    }
}
