package org.stagedml.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's pieces that need no server: the request on the wire, the socket's place, the build key. */
class ClientPartsTest {
    @TempDir
    Path tmp;

    @Test
    void aRequestReadsBackAsWritten() throws Exception {
        Wire.Request r = new Wire.Request("run", "k1", "/work", true, Map.of("STAGEDML_X", "é 1"),
                List.of("stage:realize", "example-hello", "greeting=a b"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.write(new DataOutputStream(bytes));
        assertEquals(r, Wire.Request.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void theSocketIsInTheHomeInAnOwnerOnlyFolderUnlessThePathIsTooLong() throws Exception {
        ServerFolder f = ServerFolder.of(tmp);
        assertEquals(tmp.resolve("server/socket"), f.socket());
        f.create();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.dir())));
        Path deep = tmp.resolve("a".repeat(60)).resolve("b".repeat(60));
        ServerFolder d = ServerFolder.of(deep);
        assertTrue(d.socket().toString().length() < 100, d.socket().toString());
        assertEquals(deep.resolve("server"), d.dir(), "the log and lock stay in the home");
        assertNotEquals(ServerFolder.of(deep.resolveSibling("c".repeat(60))).socket(), d.socket());
    }

    @Test
    void theBuildKeyChangesWithAJarOrTheServerOptions() throws Exception {
        Path dist = tmp.resolve("dist");
        Files.createDirectories(dist.resolve("lib"));
        Files.createDirectories(dist.resolve("bundle"));
        Path jar = Files.writeString(dist.resolve("bundle/a.jar"), "x");
        String key = BuildKey.of(dist, List.of("-Xmx1g"));
        assertEquals(key, BuildKey.of(dist, List.of("-Xmx1g")));
        assertNotEquals(key, BuildKey.of(dist, List.of("-Xmx2g")));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertNotEquals(key, BuildKey.of(dist, List.of("-Xmx1g")), "a rebuilt jar");
    }
}
