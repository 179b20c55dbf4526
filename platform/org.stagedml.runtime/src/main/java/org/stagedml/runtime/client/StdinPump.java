package org.stagedml.runtime.client;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Answers the server's {@link Wire#READ} requests with the client's stdin, on a thread of its own
 * (reading a terminal or pipe blocks; the output must keep flowing meanwhile). Reads only when asked,
 * at most what was asked, and sends what one read returned, so a prompt's answer goes at once.
 */
final class StdinPump {
    private final InputStream stdin;
    private final DataOutputStream wire;
    private final BlockingQueue<Integer> asked = new LinkedBlockingQueue<>();
    private Thread thread;

    StdinPump(InputStream stdin, DataOutputStream wire) {
        this.stdin = stdin;
        this.wire = wire;
    }

    /** The server asked for up to {@code max} bytes. */
    void ask(int max) {
        asked.add(Math.max(1, Math.min(max, 1 << 20)));
        if (thread == null) {
            thread = new Thread(this::pump, "stagedml-client-stdin");
            thread.setDaemon(true); // blocked on a terminal, it must not keep the client alive
            thread.start();
        }
    }

    private void pump() {
        try {
            while (true) {
                byte[] buf = new byte[asked.take()];
                int n = stdin.read(buf);
                synchronized (wire) {
                    wire.writeByte(Wire.STDIN);
                    wire.writeInt(Math.max(n, 0)); // nothing: the end of the input
                    wire.write(buf, 0, Math.max(n, 0));
                    wire.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the server or the stdin went away: the command ends without more input
        }
    }
}
