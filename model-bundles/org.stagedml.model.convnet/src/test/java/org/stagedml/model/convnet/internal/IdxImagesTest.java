package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;

class IdxImagesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsTheIdxFormatPlainAndGzipped() throws Exception {
        IdxImages data = SyntheticImages.generate(50, 10, 7);
        data.write(dir.resolve("plain"), "train");
        byte[] header = Files.readAllBytes(dir.resolve("plain/train-images-idx3-ubyte"));
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 50, 0, 0, 0, 28, 0, 0, 0, 28},
                java.util.Arrays.copyOf(header, 16), "big-endian IDX header");
        IdxImages plain = IdxImages.read(dir.resolve("plain"), "train");
        assertArrayEquals(data.pixels(), plain.pixels());
        assertArrayEquals(data.labels(), plain.labels());

        Files.createDirectories(dir.resolve("gz"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("gz/" + f + ".gz")))) {
                Files.copy(dir.resolve("plain/" + f), out);
            }
        }
        IdxImages gz = IdxImages.read(dir.resolve("gz"), "train");
        assertArrayEquals(data.pixels(), gz.pixels());
        assertEquals(10, gz.head(10).count());
        assertEquals(data.labels()[9], gz.head(10).labels()[9]);
    }

    @Test
    void colourImagesAreIdx4WithTheirChannels() throws Exception {
        byte[] pixels = new byte[2 * 3 * 4 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        new IdxImages(2, 3, 4, 3, pixels, new int[] {1, 0}).write(dir, "train");
        byte[] header = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        assertArrayEquals(new byte[] {0, 0, 8, 4, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 3},
                java.util.Arrays.copyOf(header, 20), "idx4: count, rows, cols, channels");
        IdxImages back = IdxImages.read(dir, "train");
        assertEquals(3, back.channels());
        assertEquals(36, back.pixelsPerImage());
        assertArrayEquals(pixels, back.pixels());
        assertEquals(3, back.head(1).channels());
    }

    @Test
    void missingOrWrongFilesGiveClearErrors() throws Exception {
        StagedmlException missing = assertThrows(StagedmlException.class, () -> IdxImages.read(dir, "t10k"));
        assertTrue(missing.getMessage().contains("t10k-images-idx3-ubyte"), missing.getMessage());
        SyntheticImages.generate(5, 10, 1).write(dir, "t10k");
        Files.copy(dir.resolve("t10k-labels-idx1-ubyte"), dir.resolve("t10k-images-idx3-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StagedmlException wrong = assertThrows(StagedmlException.class, () -> IdxImages.read(dir, "t10k"));
        assertTrue(wrong.getMessage().contains("not an IDX image file"), wrong.getMessage());
    }
}
