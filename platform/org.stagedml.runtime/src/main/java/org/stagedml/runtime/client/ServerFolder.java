package org.stagedml.runtime.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a home's server lives: {@code <home>/server/} (owner-only), holding the socket, the lock
 * clients take while starting a server, and the server's log. A socket path must fit in about 100
 * bytes; for a home deeper than that the socket goes to an owner-only folder under
 * {@code $XDG_RUNTIME_DIR} (else {@code /tmp}) named after the home's hash.
 */
public record ServerFolder(Path home, Path dir, Path socket) {
    /** Linux's sun_path holds 108 bytes with the terminating zero; leave some room. */
    private static final int MAX_SOCKET_PATH = 100;

    public static ServerFolder of(Path home) {
        Path dir = home.resolve("server");
        Path socket = dir.resolve("socket");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime)
                    : Path.of("/tmp", "stagedml-" + System.getProperty("user.name"));
            socket = base.resolve("stagedml-" + hash(home.toString()) + ".socket");
        }
        return new ServerFolder(home, dir, socket);
    }

    /** Creates the folders with owner-only permissions (tightening them if they exist). */
    public void create() throws IOException {
        ownerOnly(dir);
        ownerOnly(socket.getParent());
    }

    private static void ownerOnly(Path d) throws IOException {
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }

    public Path startLock() {
        return dir.resolve("start.lock");
    }

    public Path log() {
        return dir.resolve("server.log");
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
