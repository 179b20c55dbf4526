package org.stagedml.model.convnet.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.stagedml.api.StagedmlException;

/**
 * A set of labelled images read from a pair of IDX files (the MNIST format: big-endian headers, magic
 * 0x00000803 for grey images and 0x00000801 for labels, one unsigned byte per pixel; colour images are
 * idx4, magic 0x00000804 with a fourth dimension, the channels, interleaved per pixel as image-folder
 * writes them). Pixels are kept as bytes (60,000 Fashion-MNIST images are 47 MB) and scaled to [0,1]
 * per batch.
 *
 * @param channels 1 (grey) or more (R, G, B per pixel)
 * @param pixels count * rows * cols * channels unsigned bytes, image after image
 * @param labels one label per image
 */
public record IdxImages(int count, int rows, int cols, int channels, byte[] pixels, int[] labels) {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int COLOUR_IMAGES_MAGIC = 0x00000804;
    static final int LABELS_MAGIC = 0x00000801;

    public IdxImages {
        if (channels < 1 || pixels.length != (long) count * rows * cols * channels || labels.length != count) {
            throw new IllegalArgumentException("inconsistent image set: " + count + " images of " + rows + "x"
                    + cols + "x" + channels + ", " + pixels.length + " pixel bytes, " + labels.length + " labels");
        }
    }

    /** Grey images. */
    public IdxImages(int count, int rows, int cols, byte[] pixels, int[] labels) {
        this(count, rows, cols, 1, pixels, labels);
    }

    /** Bytes per image: rows * cols * channels. */
    public int pixelsPerImage() {
        return rows * cols * channels;
    }

    /** The largest label plus one. */
    public int classCount() {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    /**
     * Reads {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte} from a folder,
     * each plain or gzipped ({@code .gz}), e.g. prefix {@code train} or {@code t10k}.
     */
    public static IdxImages read(Path folder, String prefix) throws IOException {
        Path images = locate(folder, prefix + "-images-idx3-ubyte");
        Path labels = locate(folder, prefix + "-labels-idx1-ubyte");
        int[] y = readLabels(labels);
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC && magic != COLOUR_IMAGES_MAGIC) {
                throw new StagedmlException(images + " is not an IDX image file (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x803, or 0x804 with channels)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int channels = magic == COLOUR_IMAGES_MAGIC ? in.readInt() : 1;
            if (count != y.length) {
                throw new StagedmlException(images + " holds " + count + " images but " + labels + " holds "
                        + y.length + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols * channels)];
            in.readFully(pixels);
            return new IdxImages(count, rows, cols, channels, pixels, y);
        }
    }

    private static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new StagedmlException(file + " is not an IDX label file (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x801)");
            }
            int count = in.readInt();
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        }
    }

    private static Path locate(Path folder, String name) {
        Path plain = folder.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new StagedmlException("no IDX file " + name + " (or " + name + ".gz) in " + folder
                + "; the mnist dataset realization looks incomplete: rebuild it with --force");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Writes this set as {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte} (uncompressed). */
    public void write(Path folder, String prefix) throws IOException {
        Files.createDirectories(folder);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(folder.resolve(prefix + "-images-idx3-ubyte"))))) {
            out.writeInt(channels == 1 ? IMAGES_MAGIC : COLOUR_IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            if (channels != 1) {
                out.writeInt(channels);
            }
            out.write(pixels);
        }
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(folder.resolve(prefix + "-labels-idx1-ubyte"))))) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(count);
            for (int l : labels) {
                out.writeByte(l);
            }
        }
    }

    /** The first n images (or all when n >= count), for quick runs and tests. */
    public IdxImages head(int n) {
        if (n >= count) {
            return this;
        }
        byte[] p = java.util.Arrays.copyOf(pixels, n * pixelsPerImage());
        return new IdxImages(n, rows, cols, channels, p, java.util.Arrays.copyOf(labels, n));
    }
}
