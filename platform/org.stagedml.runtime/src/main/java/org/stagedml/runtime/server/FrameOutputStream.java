package org.stagedml.runtime.server;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** One of the client's streams (stdout or stderr): every write goes out at once as a frame. */
final class FrameOutputStream extends OutputStream {
    private final DataOutputStream wire;
    private final byte type;

    FrameOutputStream(DataOutputStream wire, byte type) {
        this.wire = wire;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        synchronized (wire) {
            wire.writeByte(type);
            wire.writeInt(len);
            wire.write(b, off, len);
            wire.flush();
        }
    }
}
