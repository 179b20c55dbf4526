package org.stagedml.runtime.server;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.stagedml.runtime.client.Wire;

/**
 * A command's stdin: the client's, fetched as the command reads. An empty buffer asks the client for
 * more ({@link Wire#READ}) and waits for its {@link Wire#STDIN} answer; a command that never reads never
 * makes the client touch its stdin. Ctrl-C, or the client going away, ends a waiting read.
 */
final class ClientInput extends InputStream {
    private static final int CHUNK = 1 << 16;
    private final DataOutputStream wire;
    private byte[] buf = new byte[0];
    private int pos;
    private boolean asked;
    private boolean end;
    private boolean cancelled;

    ClientInput(DataOutputStream wire) {
        this.wire = wire;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == buf.length) {
            if (end) {
                return -1;
            }
            if (cancelled) {
                throw new InterruptedIOException("cancelled: the client interrupted the command or went away");
            }
            if (!asked) {
                asked = true;
                synchronized (wire) {
                    wire.writeByte(Wire.READ);
                    wire.writeInt(CHUNK);
                    wire.flush();
                }
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("cancelled while reading the client's stdin");
            }
        }
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buf.length - pos;
    }

    /** The client's answer to a {@link Wire#READ}: more input, or (empty) its end. */
    synchronized void received(byte[] data) {
        asked = false;
        if (data.length == 0) {
            end = true;
        } else {
            buf = data;
            pos = 0;
        }
        notifyAll();
    }

    /** Ctrl-C or the client gone: a waiting read ends. */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }
}
