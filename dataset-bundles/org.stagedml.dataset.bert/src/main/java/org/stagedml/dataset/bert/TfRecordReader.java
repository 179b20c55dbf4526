package org.stagedml.dataset.bert;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TFRecord file (no compression) record by record, checking both CRCs of every record; a
 * truncated or corrupt file is an IOException naming the record. Not thread-safe.
 */
public final class TfRecordReader implements Closeable {
    /** Larger records are refused as corruption rather than allocated. */
    private static final long MAX_RECORD = Integer.MAX_VALUE - 16;

    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long index;

    public TfRecordReader(Path file) throws IOException {
        this(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file.toString());
    }

    /** Reads from a stream, which {@link #close()} closes; {@code source} names it in errors. */
    public TfRecordReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next record's data, or null at the end of the file. */
    public byte[] next() throws IOException {
        int n = in.readNBytes(header, 0, 12);
        if (n == 0) {
            return null;
        }
        if (n < 12) {
            throw corrupt("truncated header");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = h.getLong(0);
        if (h.getInt(8) != TfRecordWriter.maskedCrc32c(header, 0, 8)) {
            throw corrupt("length CRC mismatch");
        }
        if (length < 0 || length > MAX_RECORD) {
            throw corrupt("implausible length " + Long.toUnsignedString(length));
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length < length || in.readNBytes(footer, 0, 4) < 4) {
            throw corrupt("truncated data");
        }
        if (ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt(0)
                != TfRecordWriter.maskedCrc32c(data, 0, data.length)) {
            throw corrupt("data CRC mismatch");
        }
        index++;
        return data;
    }

    /** Every remaining record. */
    public List<byte[]> readAll() throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (byte[] r = next(); r != null; r = next()) {
            all.add(r);
        }
        return all;
    }

    private IOException corrupt(String what) {
        return new EOFException("TFRecord " + source + " is corrupt at record " + index + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
