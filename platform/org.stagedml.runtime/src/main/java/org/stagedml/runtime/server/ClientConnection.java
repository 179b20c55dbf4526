package org.stagedml.runtime.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.stagedml.runtime.cli.GogoCommandRunner;
import org.stagedml.runtime.cli.Main;
import org.stagedml.runtime.client.ChannelStreams;
import org.stagedml.runtime.client.Wire;

/**
 * One client: checks that it runs as the server's user, reads its request and answers it; a
 * command runs in a Gogo session with the client's working directory, terminal flag and
 * {@code STAGEDML_*} variables, its output streamed back as it is written and its stdin read from the
 * client's as it reads ({@link ClientInput}). Ctrl-C in the client,
 * or the client going away, interrupts the command, which cancels its builds.
 */
final class ClientConnection {
    /** The session variable that tells the shell's commands the client has a terminal (progress bars). */
    static final String TERMINAL = "stagedml.terminal";
    private static final UserPrincipal SELF = self();
    private final SocketChannel channel;
    private final CommandServer server;

    ClientConnection(SocketChannel channel, CommandServer server) {
        this.channel = channel;
        this.server = server;
    }

    void serve() {
        try (channel) {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (SELF == null || !SELF.equals(peer.user())) {
                System.err.println("refused a client of user " + peer.user().getName() + " (the server is " + SELF + "'s)");
                return;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(channel), 1 << 16));
            Wire.Request r = Wire.Request.read(in);
            switch (r.kind()) {
                case "status" -> text(out, server.status());
                case "stop" -> {
                    text(out, "stopping pid " + ProcessHandle.current().pid());
                    server.stop();
                }
                case "run" -> {
                    if (!r.key().equals(server.key()) || server.retired()) {
                        // a client of another build (or JVM options): it starts its own server, this one ends when idle
                        server.retire(true);
                        synchronized (out) {
                            out.writeByte(Wire.REFUSED);
                            Wire.writeString(out, "another build");
                            out.flush();
                        }
                        System.err.println("a client of another build came: retiring");
                        return;
                    }
                    run(r, in, out);
                }
                default -> text(out, "unknown request " + r.kind());
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Wire.Request r, DataInputStream in, DataOutputStream out) throws IOException, InterruptedException {
        server.commandStarted();
        GogoCommandRunner runner = new GogoCommandRunner(server.framework());
        Thread command = Thread.currentThread();
        ClientInput stdin = new ClientInput(out);
        // after its request a client sends its stdin when asked, and Ctrl-C; its end of the socket closing means Ctrl-C too
        Thread listener = new Thread(() -> {
            try {
                for (int b = in.read(); b == Wire.STDIN; b = in.read()) {
                    stdin.received(Wire.readBytes(in));
                }
            } catch (IOException e) {
                // gone
            }
            stdin.cancel();
            runner.interrupt();
            command.interrupt();
        }, command.getName() + "-interrupt");
        listener.setDaemon(true);
        try {
            text(out, "pid " + ProcessHandle.current().pid());
            listener.start();
            PrintStream stdout = new PrintStream(new FrameOutputStream(out, Wire.OUT), true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(new FrameOutputStream(out, Wire.ERR), true, StandardCharsets.UTF_8);
            int code;
            long t0 = System.nanoTime();
            try {
                server.changes().apply(stderr);
                Map<String, Object> vars = new HashMap<>(r.env());
                vars.put(TERMINAL, r.terminal());
                String line = Main.commandLine(r.args().toArray(String[]::new));
                code = runner.run(line, stdin, stdout, stderr, vars, Path.of(r.cwd()));
            } catch (InterruptedException e) {
                stderr.println("cancelled");
                code = 1;
            }
            stdout.flush();
            stderr.flush();
            // the server's log: one line per command, for the curious and for support
            System.err.println(java.time.LocalTime.now() + " exit " + code + " in " + (System.nanoTime() - t0) / 1_000_000
                    + " ms: " + String.join(" ", r.args()));
            synchronized (out) {
                out.writeByte(Wire.EXIT);
                out.writeInt(code);
                out.flush();
            }
        } finally {
            Thread.interrupted(); // a late Ctrl-C is no business of the next
            server.commandEnded();
        }
    }

    private static void text(DataOutputStream out, String line) throws IOException {
        synchronized (out) {
            out.writeByte(Wire.TEXT);
            Wire.writeString(out, line);
            out.flush();
        }
    }

    private static UserPrincipal self() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException e) {
            System.err.println("cannot look up this process's user: " + e.getMessage() + "; every client is refused");
            return null;
        }
    }
}
