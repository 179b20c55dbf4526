package org.stagedml.dataset.mnist.internal;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.StagedmlException;

/**
 * The IDX format of MNIST (big-endian): magic {@code 0x0000 08 dims} (unsigned bytes), one int per
 * dimension, then the data. Images have 3 dimensions (count, rows, cols), labels 1 (count).
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /**
     * What one checked IDX file holds.
     *
     * @param count items
     * @param rows image rows (1 for labels)
     * @param cols image columns (1 for labels)
     * @param maxLabel for labels, the largest label seen; -1 for images
     */
    public record Info(int count, int rows, int cols, int maxLabel) {
    }

    /**
     * Copies an IDX stream to {@code target}, checking its magic number, its dimensions and that the
     * data is exactly as long as they say. {@code what} names the source in errors.
     */
    public static Info copyChecked(InputStream raw, Path target, boolean images, String what) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw notIdx(what, "it is shorter than an IDX header");
        }
        int expected = images ? IMAGES_MAGIC : LABELS_MAGIC;
        if (magic != expected) {
            throw notIdx(what, String.format("its magic number is 0x%08x, expected 0x%08x (%s)", magic, expected,
                    images ? "unsigned-byte images, 3 dimensions" : "unsigned-byte labels, 1 dimension"));
        }
        int count;
        int rows = 1;
        int cols = 1;
        try {
            count = in.readInt();
            if (images) {
                rows = in.readInt();
                cols = in.readInt();
            }
        } catch (EOFException e) {
            throw notIdx(what, "its header is cut short");
        }
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw notIdx(what, "its dimensions are " + count + "x" + rows + "x" + cols);
        }
        long expectedBytes = (long) count * rows * cols;
        long got = 0;
        int maxLabel = -1;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(magic);
            d.writeInt(count);
            if (images) {
                d.writeInt(rows);
                d.writeInt(cols);
            }
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                got += n;
                if (got > expectedBytes) {
                    throw notIdx(what, "it holds more data than its header's " + expectedBytes + " bytes");
                }
                if (!images) {
                    for (int i = 0; i < n; i++) {
                        maxLabel = Math.max(maxLabel, buf[i] & 0xff);
                    }
                }
                d.write(buf, 0, n);
            }
            d.flush();
        }
        if (got != expectedBytes) {
            throw notIdx(what, "its header announces " + expectedBytes + " data bytes but it holds " + got);
        }
        return new Info(count, rows, cols, maxLabel);
    }

    private static StagedmlException notIdx(String what, String why) {
        return new StagedmlException(what + " is not a valid IDX file: " + why
                + "; the source is not MNIST-like data (check the URL or path)");
    }

    /** Writes an IDX images file: header, then count*rows*cols unsigned bytes read from {@code data}. */
    public static void writeImages(Path target, int count, int rows, int cols, InputStream data) throws IOException {
        write(target, new int[] {IMAGES_MAGIC, count, rows, cols}, data, (long) count * rows * cols);
    }

    /** Writes an IDX labels file. */
    public static void writeLabels(Path target, byte[] labels) throws IOException {
        write(target, new int[] {LABELS_MAGIC, labels.length}, new java.io.ByteArrayInputStream(labels), labels.length);
    }

    private static void write(Path target, int[] header, InputStream data, long bytes) throws IOException {
        try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
            for (int h : header) {
                d.writeInt(h);
            }
            long copied = data.transferTo(d);
            if (copied != bytes) {
                throw new StagedmlException("writing " + target.getFileName() + ": expected " + bytes
                        + " data bytes, got " + copied);
            }
        }
    }
}
