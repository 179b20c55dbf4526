package org.stagedml.dataset.mnist.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Generates small MNIST-like files in the real formats: IDX (gzipped as published) and Keras' npz. */
final class MnistFiles {
    final int train;
    final int test;
    final byte[] trainImages;
    final byte[] trainLabels;
    final byte[] testImages;
    final byte[] testLabels;

    MnistFiles(int train, int test, long seed) {
        this.train = train;
        this.test = test;
        Random r = new Random(seed);
        trainImages = pixels(r, train);
        testImages = pixels(r, test);
        trainLabels = labels(r, train);
        testLabels = labels(r, test);
    }

    private static byte[] pixels(Random r, int n) {
        byte[] b = new byte[n * 28 * 28];
        r.nextBytes(b);
        return b;
    }

    private static byte[] labels(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(10);
        }
        return b;
    }

    static byte[] idxImages(int n, byte[] data) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(o);
        d.writeInt(0x803);
        d.writeInt(n);
        d.writeInt(28);
        d.writeInt(28);
        d.write(data);
        return o.toByteArray();
    }

    static byte[] idxLabels(byte[] labels) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(o);
        d.writeInt(0x801);
        d.writeInt(labels.length);
        d.write(labels);
        return o.toByteArray();
    }

    /** The four IDX files as published: name -> bytes. */
    java.util.Map<String, byte[]> idx() throws IOException {
        return java.util.Map.of(
                "train-images-idx3-ubyte", idxImages(train, trainImages),
                "train-labels-idx1-ubyte", idxLabels(trainLabels),
                "t10k-images-idx3-ubyte", idxImages(test, testImages),
                "t10k-labels-idx1-ubyte", idxLabels(testLabels));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(data);
        }
        return o.toByteArray();
    }

    /** mnist.npz as Keras publishes it; labels as uint8, or as little-endian int64 when {@code wideLabels}. */
    byte[] npz(boolean wideLabels) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(o)) {
            put(z, "x_test.npy", npy("|u1", "(" + test + ", 28, 28)", testImages));
            put(z, "x_train.npy", npy("|u1", "(" + train + ", 28, 28)", trainImages));
            put(z, "y_train.npy", wideLabels ? npy("<i8", "(" + train + ",)", wide(trainLabels))
                    : npy("|u1", "(" + train + ",)", trainLabels));
            put(z, "y_test.npy", wideLabels ? npy("<i8", "(" + test + ",)", wide(testLabels))
                    : npy("|u1", "(" + test + ",)", testLabels));
        }
        return o.toByteArray();
    }

    private static byte[] wide(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(labels.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (byte l : labels) {
            b.putLong(l & 0xff);
        }
        return b.array();
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    /** A version 1.0 .npy: magic, version, header length, the header dict padded to 64 bytes, data. */
    static byte[] npy(String descr, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        o.write(header.length() & 0xff);
        o.write(header.length() >> 8);
        o.write(header.getBytes(StandardCharsets.ISO_8859_1));
        o.write(data);
        return o.toByteArray();
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
