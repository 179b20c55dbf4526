package org.stagedml.runtime.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.stagedml.runtime.StagedmlHome;

/**
 * The light {@code bin/stagedml} client: no framework on its class path. Sends the command line,
 * working directory, terminal flag and {@code STAGEDML_*} variables to the home's server (starting
 * one when none runs) and copies the streamed output to its own stdout and stderr until the exit
 * code arrives; its stdin goes to the command as the command reads it ({@link StdinPump}). Ctrl-C (or SIGTERM) asks the server to cancel the command and waits for it to end.
 * {@code --status} and {@code --stop} ask about and stop the home's server.
 */
public final class Client {
    /** The exit code when the server went away before the command ended. */
    static final int SERVER_LOST = 3;
    private final Map<String, String> env;
    private final Path dist;
    private final ServerFolder folder;

    Client(Map<String, String> env, Path dist) {
        this.env = env;
        this.dist = dist;
        this.folder = ServerFolder.of(StagedmlHome.resolve(env));
    }

    public static void main(String[] args) {
        int code;
        try {
            Path dist = Path.of(System.getProperty("stagedml.dist", ".")).toAbsolutePath().normalize();
            code = new Client(System.getenv(), dist).run(List.of(args));
        } catch (Exception e) {
            System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            code = 2;
        }
        System.exit(code);
    }

    int run(List<String> args) throws IOException, InterruptedException {
        if (args.size() == 1 && args.get(0).equals("--status")) {
            return status();
        }
        if (args.size() == 1 && args.get(0).equals("--stop")) {
            return stop();
        }
        Files.createDirectories(folder.home());
        List<String> options = serverJvmOptions();
        String key = BuildKey.of(dist, options);
        Wire.Request request = new Wire.Request("run", key, Path.of("").toAbsolutePath().toString(),
                System.console() != null, stagedmlEnv(), args);
        ServerLauncher launcher = new ServerLauncher(folder, dist, options, env.getOrDefault("STAGEDML_SERVER_IDLE", ""));
        for (int attempt = 0; attempt < 3; attempt++) {
            SocketChannel ch = ServerLauncher.connect(folder.socket());
            if (ch == null) {
                ch = launcher.startAndConnect(key);
            }
            Integer code = converse(ch, request);
            if (code != null) {
                return code;
            }
            // a server of another build: it has let go of the socket and ends once idle; start ours
        }
        System.err.println("error: the StagedML server for " + folder.home() + " keeps refusing commands; see "
                + folder.log() + " (--no-server runs without it)");
        return 1;
    }

    /** Runs the request; the exit code, or null when the server refused it (another build). */
    private Integer converse(SocketChannel ch, Wire.Request request) throws IOException, InterruptedException {
        // buffered, flushed whenever no more output has arrived (and before the other stream is written):
        // the 400 lines of a big realize are a few writes, and a progress bar still shows at once
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        OutputStream stderr = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(ch)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(ch), 1 << 16));
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: the server cancels the command (the store stays clean); its last words
        // and exit frame still arrive before this process goes
        Thread hook = new Thread(() -> {
            try {
                synchronized (out) {
                    out.writeByte(Wire.INTERRUPT);
                    out.flush();
                }
                done.await(60, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the server is gone already
            }
        }, "stagedml-client-interrupt");
        StdinPump stdin = new StdinPump(new FileInputStream(FileDescriptor.in), out);
        String pid = "?";
        try (ch) {
            synchronized (out) {
                request.write(out);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            while (true) {
                if (in.available() == 0) {
                    stdout.flush();
                    stderr.flush();
                }
                int type = in.read();
                switch (type) {
                    case Wire.OUT -> {
                        stderr.flush();
                        stdout.write(Wire.readBytes(in));
                    }
                    case Wire.ERR -> {
                        stdout.flush();
                        stderr.write(Wire.readBytes(in));
                    }
                    case Wire.TEXT -> pid = Wire.readString(in).replaceFirst("^pid ", "");
                    case Wire.READ -> stdin.ask(in.readInt());
                    case Wire.EXIT -> {
                        stdout.flush();
                        stderr.flush();
                        return in.readInt();
                    }
                    case Wire.REFUSED -> {
                        Wire.readString(in);
                        return null;
                    }
                    case -1 -> throw new EOFException();
                    default -> throw new IOException("unexpected frame " + type + " from the server");
                }
            }
        } catch (IOException e) {
            flushQuietly(stdout);
            flushQuietly(stderr);
            System.err.println("error: the StagedML server (pid " + pid + ") ended before the command did"
                    + " (killed?); builds it had started were dropped and the store is as it was; run the command"
                    + " again (a new server starts), see " + folder.log());
            return SERVER_LOST;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns as the latch opens
            }
        }
    }

    private static void flushQuietly(OutputStream o) {
        try {
            o.flush();
        } catch (IOException e) {
            // stdout closed: nothing to do
        }
    }

    private int status() throws IOException {
        SocketChannel ch = ServerLauncher.connect(folder.socket());
        if (ch == null) {
            System.out.println("no StagedML server runs for this home (" + StagedmlHome.ENV + ")");
            return 0;
        }
        try (ch) {
            List<String> lines = ask(ch, "status");
            lines.forEach(System.out::println);
            return lines.isEmpty() ? 1 : 0;
        }
    }

    private int stop() throws IOException, InterruptedException {
        SocketChannel ch = ServerLauncher.connect(folder.socket());
        if (ch == null) {
            System.out.println("no StagedML server runs for this home (" + StagedmlHome.ENV + ")");
            return 0;
        }
        List<String> lines;
        try (ch) {
            lines = ask(ch, "stop");
        }
        String pid = lines.isEmpty() ? "" : lines.get(0).replaceAll("\\D+", " ").trim().split(" ")[0];
        if (!pid.isEmpty()) {
            // the server answers, then stops its framework: wait for the process to end
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                try {
                    p.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported below if it still runs
                }
            });
        }
        boolean alive = !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        System.out.println(alive ? "the StagedML server (pid " + pid + ") is still stopping" : "stopped the StagedML server (pid " + pid + ")");
        return alive ? 1 : 0;
    }

    private List<String> ask(SocketChannel ch, String kind) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(ch)));
        new Wire.Request(kind, "", "", false, Map.of(), List.of()).write(out);
        DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(ch)));
        List<String> lines = new ArrayList<>();
        try {
            for (int type = in.read(); type == Wire.TEXT; type = in.read()) {
                lines.add(Wire.readString(in));
            }
        } catch (IOException e) {
            // the server closed the connection (stop)
        }
        return lines;
    }

    /**
     * The options the server JVM starts with: conf/jvm.options (as in-process), conf/server.options,
     * then STAGEDML_JAVA_OPTS.
     */
    List<String> serverJvmOptions() throws IOException {
        List<String> opts = new ArrayList<>();
        for (String name : List.of("conf/jvm.options", "conf/server.options")) {
            Path file = dist.resolve(name);
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    String o = line.strip();
                    if (!o.isEmpty() && !o.startsWith("#")) {
                        opts.add(o);
                    }
                }
            }
        }
        String extra = env.getOrDefault("STAGEDML_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            opts.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return opts;
    }

    private Map<String, String> stagedmlEnv() {
        Map<String, String> m = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("STAGEDML_")) {
                m.put(k, v);
            }
        });
        return m;
    }
}
