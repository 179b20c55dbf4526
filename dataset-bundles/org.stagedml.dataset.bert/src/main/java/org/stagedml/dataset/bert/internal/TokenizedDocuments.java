package org.stagedml.dataset.bert.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus as documents of WordPiece id sentences, kept in a work file rather than in memory:
 * create_pretraining_data.py holds every tokenized document in memory, since any of them may give a
 * random next segment; here only one offset per document stays in memory and a document is read back
 * when it is needed (the operating system's page cache keeps the hot part). Per document the file holds
 * the sentence count, each sentence's length, then the ids, as big-endian ints. Append everything, then
 * {@link #document} reads; not thread-safe.
 */
final class TokenizedDocuments implements Closeable {
    private final Path file;
    private final LongList offsets = new LongList();
    private DataOutputStream out;
    private FileChannel in;
    private long written;
    private long sentences;
    private long tokens;

    TokenizedDocuments(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Appends a document (non-empty sentences of ids). */
    void add(List<int[]> document) throws IOException {
        offsets.add(written);
        out.writeInt(document.size());
        for (int[] s : document) {
            out.writeInt(s.length);
        }
        long ids = 0;
        for (int[] s : document) {
            for (int id : s) {
                out.writeInt(id);
            }
            ids += s.length;
        }
        // DataOutputStream counts bytes in an int: track the offset (past 2 GB) ourselves
        written += 4L * (1 + document.size() + ids);
        tokens += ids;
        sentences += document.size();
    }

    int size() {
        return offsets.size();
    }

    long sentences() {
        return sentences;
    }

    long tokens() {
        return tokens;
    }

    /** Document {@code index} (0-based, in the order added). */
    List<int[]> document(int index) {
        try {
            if (in == null) {
                out.close();
                out = null;
                in = FileChannel.open(file, StandardOpenOption.READ);
            }
            long at = offsets.get(index);
            int n = read(at, 4).getInt();
            ByteBuffer lengths = read(at + 4, 4L * n);
            int[] len = new int[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                len[i] = lengths.getInt();
                total += len[i];
            }
            ByteBuffer ids = read(at + 4 + 4L * n, 4 * total);
            List<int[]> doc = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] s = new int[len[i]];
                ids.asIntBuffer().get(s);
                ids.position(ids.position() + 4 * s.length);
                doc.add(s);
            }
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException("reading back document " + index + " from " + file, e);
        }
    }

    private ByteBuffer read(long position, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length));
        while (b.hasRemaining()) {
            if (in.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
