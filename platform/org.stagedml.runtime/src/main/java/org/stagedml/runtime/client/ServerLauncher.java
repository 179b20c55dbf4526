package org.stagedml.runtime.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to the home's server, starting one in the background when none answers. Clients start
 * servers one at a time (a file lock), so that two first commands do not start two servers; a
 * socket file nobody answers on is a killed server's and is removed.
 */
final class ServerLauncher {
    private static final long START_TIMEOUT_MS = 180_000;
    private static final long MAX_LOG = 1 << 20;
    private final ServerFolder folder;
    private final Path dist;
    private final List<String> jvmOptions;
    private final String idle;

    ServerLauncher(ServerFolder folder, Path dist, List<String> jvmOptions, String idle) {
        this.folder = folder;
        this.dist = dist;
        this.jvmOptions = jvmOptions;
        this.idle = idle;
    }

    /** A connection to the running server, or null when none answers. */
    static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
            return null;
        }
    }

    SocketChannel startAndConnect(String key) throws IOException, InterruptedException {
        folder.create();
        try (FileChannel lockChannel = FileChannel.open(folder.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock()) {
            SocketChannel ch = connect(folder.socket());
            if (ch != null) {
                return ch; // another client started it meanwhile
            }
            Files.deleteIfExists(folder.socket()); // a killed server's
            Process server = start(key);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                ch = connect(folder.socket());
                if (ch != null) {
                    return ch;
                }
                if (!server.isAlive()) {
                    throw new IOException("the StagedML server did not start (exit " + server.exitValue() + "): "
                            + lastLine() + " (its log: " + folder.log() + "; --no-server runs without it)");
                }
                Thread.sleep(25);
            }
            server.destroy();
            throw new IOException("the StagedML server did not answer within " + START_TIMEOUT_MS / 1000 + " s; its log: "
                    + folder.log() + " (--no-server runs without it)");
        }
    }

    private Process start(String key) throws IOException {
        if (Files.isRegularFile(folder.log()) && Files.size(folder.log()) > MAX_LOG) {
            Files.move(folder.log(), folder.log().resolveSibling("server.log.old"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>();
        // its own session: Ctrl-C in the client's terminal reaches the client only, and the server outlives it
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dstagedml.dist=" + dist);
        cmd.add("-cp");
        cmd.add(dist.resolve("lib") + "/*");
        cmd.add("org.stagedml.runtime.server.ServerMain");
        cmd.add(folder.home().toString());
        cmd.add(key);
        cmd.add(idle);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(folder.home().toFile()) // not the client's folder, which may go; commands get the client's
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                // appended: a retiring server may still write to it
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
                .redirectErrorStream(true);
        pb.environment().remove("STAGEDML_NO_SERVER");
        return pb.start();
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(folder.log());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // no log
        }
        return "it printed nothing";
    }
}
