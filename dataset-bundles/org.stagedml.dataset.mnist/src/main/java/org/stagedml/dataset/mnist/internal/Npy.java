package org.stagedml.dataset.mnist.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stagedml.api.StagedmlException;

/**
 * Reads numpy's .npy format (versions 1 to 3): the header (dtype, order, shape) and then the raw
 * C-order data. Enough for Keras' mnist.npz: unsigned bytes, and integer labels of any width.
 *
 * @param descr the dtype, e.g. {@code |u1} or {@code <i8}
 * @param shape the dimensions
 */
public record Npy(String descr, long[] shape) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads the header; the stream is then at the first data byte. {@code what} names it in errors. */
    public static Npy readHeader(InputStream in, String what) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = new byte[6];
        d.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new StagedmlException(what + " is not a numpy .npy array (bad magic)");
        }
        int major = d.readUnsignedByte();
        d.readUnsignedByte();
        byte[] lenBytes = new byte[major == 1 ? 2 : 4];
        d.readFully(lenBytes);
        long len = major == 1 ? ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff
                : ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (len > 1 << 20) {
            throw new StagedmlException(what + ": .npy header of " + len + " bytes is implausible");
        }
        byte[] header = new byte[(int) len];
        d.readFully(header);
        String h = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(h);
        Matcher fortran = FORTRAN.matcher(h);
        Matcher shape = SHAPE.matcher(h);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new StagedmlException(what + ": cannot read the .npy header " + h.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new StagedmlException(what + ": Fortran-order .npy arrays are not supported");
        }
        long[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new Npy(descr.group(1), dims);
    }

    /** The bytes one element takes: 1 for u1/i1/b1, else the number in the dtype. */
    public int itemSize() {
        return Integer.parseInt(descr.replaceAll("^[<>|=]?[a-zA-Z]", ""));
    }

    /** True for one-byte unsigned data. */
    public boolean isUnsignedByte() {
        return descr.matches("[|<>=]?u1");
    }

    public long elements() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Reads the data of an integer array as values 0..255 (labels), checking each fits. */
    public byte[] readAsUnsignedBytes(InputStream in, String what) throws IOException {
        if (!descr.matches("[|<>=]?[ui][1248]")) {
            throw new StagedmlException(what + ": expected integer labels, got dtype " + descr);
        }
        int size = itemSize();
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long n = elements();
        if (n > Integer.MAX_VALUE) {
            throw new StagedmlException(what + ": too many labels (" + n + ")");
        }
        byte[] raw = in.readNBytes((int) n * size);
        if (raw.length != n * size) {
            throw new StagedmlException(what + ": the array is cut short");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        byte[] out = new byte[(int) n];
        for (int i = 0; i < n; i++) {
            long v = switch (size) {
                case 1 -> descr.contains("u") ? b.get() & 0xff : b.get();
                case 2 -> b.getShort();
                case 4 -> b.getInt();
                default -> b.getLong();
            };
            if (v < 0 || v > 255) {
                throw new StagedmlException(what + ": label " + v + " at " + i + " is out of 0..255");
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
