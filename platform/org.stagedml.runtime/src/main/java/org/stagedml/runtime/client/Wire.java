package org.stagedml.runtime.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-server protocol over the home's Unix domain socket. The client sends one request;
 * the server answers with frames (a type byte, then its payload) until {@link #EXIT}; meanwhile the
 * client may send {@link #INTERRUPT} (Ctrl-C), and {@link #STDIN} when the server asked for input
 * with {@link #READ}. Closing the connection also interrupts.
 */
public final class Wire {
    static final int MAGIC = 0x534d4c01;
    /** Bytes for the client's stdout. */
    public static final byte OUT = 1;
    /** Bytes for the client's stderr. */
    public static final byte ERR = 2;
    /** The command's exit code: the last frame. */
    public static final byte EXIT = 3;
    /** The server is of another build (or is stopping) and will not run the command: start another. */
    public static final byte REFUSED = 4;
    /** A line of text answering {@code status} or {@code stop}. */
    public static final byte TEXT = 5;
    /**
     * The command reads its stdin: send up to this many bytes (an int follows). Asked only when the
     * command reads, so a client never reads its terminal for a command that wants no input.
     */
    public static final byte READ = 6;
    /** Client to server: cancel the running command. */
    public static final byte INTERRUPT = 9;
    /** Client to server, answering {@link #READ}: bytes of the client's stdin; none means its end. */
    public static final byte STDIN = 10;

    private Wire() {
    }

    /**
     * One request.
     *
     * @param kind {@code run}, {@code status} or {@code stop}
     * @param key the client's distribution build and server JVM options (see {@link BuildKey})
     * @param cwd the client's working directory
     * @param terminal whether the client's stdout is a terminal (progress bars)
     * @param env the client's {@code STAGEDML_*} variables
     * @param args the command line's words
     */
    public record Request(String kind, String key, String cwd, boolean terminal, Map<String, String> env,
            List<String> args) {
        public void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            writeString(out, kind);
            writeString(out, key);
            writeString(out, cwd);
            out.writeBoolean(terminal);
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeInt(args.size());
            for (String a : args) {
                writeString(out, a);
            }
            out.flush();
        }

        public static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a StagedML client (or one of another protocol version)");
            }
            String kind = readString(in);
            String key = readString(in);
            String cwd = readString(in);
            boolean terminal = in.readBoolean();
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                env.put(readString(in), readString(in));
            }
            List<String> args = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                args.add(readString(in));
            }
            return new Request(kind, key, cwd, terminal, env, args);
        }
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("bad frame length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
