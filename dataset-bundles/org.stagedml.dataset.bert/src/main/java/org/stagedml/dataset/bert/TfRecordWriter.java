package org.stagedml.dataset.bert;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Writes a TFRecord file, byte for byte as TensorFlow's {@code TFRecordWriter} (no compression):
 * each record is its length (uint64, little-endian), the masked CRC32C of those 8 bytes, the data,
 * and the masked CRC32C of the data. Not thread-safe.
 */
public final class TfRecordWriter implements Closeable {
    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long records;

    public TfRecordWriter(Path file) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Writes to a stream, which {@link #close()} closes. */
    public TfRecordWriter(OutputStream out) {
        this.out = out;
    }

    public void write(byte[] record) throws IOException {
        write(record, 0, record.length);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        header.clear();
        header.putLong(length);
        header.putInt(maskedCrc32c(header.array(), 0, 8));
        out.write(header.array(), 0, 12);
        out.write(data, offset, length);
        footer.clear();
        footer.putInt(maskedCrc32c(data, offset, length));
        out.write(footer.array(), 0, 4);
        records++;
    }

    /** The number of records written so far. */
    public long records() {
        return records;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** TensorFlow's masked CRC32C: rotate right by 15 bits and add 0xa282ead8. */
    static int maskedCrc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
