package org.stagedml.runtime.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.stagedml.runtime.EmbeddedFramework;
import org.stagedml.runtime.client.ServerFolder;

/**
 * Accepts clients on the home's Unix domain socket, each on its own thread, until it idles out,
 * is stopped, or retires. It retires when a client of another build comes (or its socket file is
 * removed or taken over): it lets go of the socket at once, so that a new server can bind it, and
 * ends once its running commands have.
 */
final class CommandServer {
    private static final long WATCH_MS = 1000;
    private final EmbeddedFramework framework;
    private final ServerFolder folder;
    private final String key;
    private final Duration idle;
    private final HomeChanges changes;
    private final long started = System.currentTimeMillis();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastActive = new AtomicLong(System.currentTimeMillis());
    private final AtomicInteger served = new AtomicInteger();
    private volatile ServerSocketChannel channel;
    private volatile Object socketFileKey;
    private volatile boolean retired;
    private volatile boolean stopped;

    CommandServer(EmbeddedFramework framework, ServerFolder folder, String key, Duration idle, HomeChanges changes) {
        this.framework = framework;
        this.folder = folder;
        this.key = key;
        this.idle = idle;
        this.changes = changes;
    }

    /**
     * Binds the socket, replacing a dead server's file; false when a live server answers there
     * already (two servers started at once).
     */
    boolean bind() throws IOException {
        folder.create();
        Path socket = folder.socket();
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return false;
            } catch (IOException dead) {
                Files.deleteIfExists(socket); // a killed server's
            }
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        socketFileKey = fileKey(socket);
        channel = ch;
        return true;
    }

    /** Serves until the server idles out, is stopped or retires, then waits for its running commands. */
    void serve() throws InterruptedException {
        Thread watch = new Thread(this::watch, "stagedml-server-watch");
        watch.setDaemon(true);
        watch.start();
        int n = 0;
        while (!stopped && !retired) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException closed) {
                break;
            } catch (IOException e) {
                System.err.println("warning: accept failed: " + e.getMessage());
                continue;
            }
            ClientConnection c = new ClientConnection(client, this);
            Thread t = new Thread(c::serve, "stagedml-client-" + ++n);
            t.start();
        }
        if (!stopped) {
            // retired or idle: no new commands come; the running ones finish
            while (running.get() > 0 && !stopped) {
                Thread.sleep(100);
            }
        }
    }

    private void watch() {
        try {
            while (!stopped && !retired) {
                Thread.sleep(WATCH_MS);
                boolean idleOut = running.get() == 0 && System.currentTimeMillis() - lastActive.get() > idle.toMillis();
                if (idleOut) {
                    System.err.println("idle for " + idle.toSeconds() + " s: stopping");
                    stop();
                } else if (!Files.isDirectory(folder.home())) {
                    System.err.println("the home " + folder.home() + " is gone: stopping");
                    stop();
                } else if (framework.framework().getState() != org.osgi.framework.Bundle.ACTIVE) {
                    System.err.println("the framework was stopped (felix:stop 0, shutdown): stopping");
                    stop();
                } else if (!Objects.equals(fileKey(folder.socket()), socketFileKey)) {
                    System.err.println("the socket " + folder.socket() + " is gone or another server's: retiring");
                    retire(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking commands now and lets go of the socket; with {@code removeSocket}, deletes its file too. */
    synchronized void retire(boolean removeSocket) {
        if (retired) {
            return;
        }
        retired = true;
        if (removeSocket && Objects.equals(fileKey(folder.socket()), socketFileKey)) {
            try {
                Files.deleteIfExists(folder.socket());
            } catch (IOException e) {
                // the next client finds it dead and removes it
            }
        }
        closeChannel();
    }

    /** Stops now: running commands are cancelled as the framework stops. */
    void stop() {
        stopped = true;
        retire(true);
    }

    private void closeChannel() {
        try {
            ServerSocketChannel ch = channel;
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    void commandStarted() {
        running.incrementAndGet();
        served.incrementAndGet();
        lastActive.set(System.currentTimeMillis());
    }

    void commandEnded() {
        lastActive.set(System.currentTimeMillis());
        running.decrementAndGet();
    }

    EmbeddedFramework framework() {
        return framework;
    }

    HomeChanges changes() {
        return changes;
    }

    String key() {
        return key;
    }

    boolean retired() {
        return retired;
    }

    String status() {
        long up = (System.currentTimeMillis() - started) / 1000;
        return "pid " + ProcessHandle.current().pid() + ": StagedML server for " + folder.home() + ", socket "
                + folder.socket() + ", up " + up + " s, " + served.get() + " commands served, " + running.get()
                + " running, idles out after " + idle.toSeconds() + " s, log " + folder.log();
    }
}
