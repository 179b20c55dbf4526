package org.stagedml.dataset.bert.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import org.stagedml.api.CancelledException;
import org.stagedml.dataset.bert.TfRecordWriter;

/**
 * The reference's {@code rng.shuffle(instances)} without holding the instances: serialized examples
 * go to a work file as they are made (one offset each stays in memory), then {@link #writeShuffled}
 * copies them into a TFRecord file in an order shuffled by the same Fisher-Yates walk.
 */
final class ShuffledRecords implements Closeable {
    private final Path file;
    private final LongList offsets = new LongList();
    private OutputStream out;
    private long written;

    ShuffledRecords(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    void add(byte[] record) throws IOException {
        offsets.add(written);
        out.write(record);
        written += record.length;
    }

    int size() {
        return offsets.size();
    }

    /** Writes every record to {@code tfrecord} in a shuffled order; the number written. */
    long writeShuffled(Path tfrecord, PretrainRandom rng, BooleanSupplier cancelled) throws IOException {
        out.close();
        out = null;
        int n = offsets.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); TfRecordWriter w = new TfRecordWriter(tfrecord)) {
            for (int k = 0; k < n; k++) {
                if ((k & 4095) == 0 && cancelled.getAsBoolean()) {
                    throw new CancelledException("bert-pretrain-data cancelled while writing " + tfrecord.getFileName());
                }
                int i = order[k];
                long start = offsets.get(i);
                long end = i + 1 < n ? offsets.get(i + 1) : written;
                ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(end - start));
                while (b.hasRemaining()) {
                    if (in.read(b, start + b.position()) < 0) {
                        throw new IOException("unexpected end of " + file);
                    }
                }
                w.write(b.array());
            }
            return w.records();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
