package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on the real command line (bin/stagedml): each gives a non-zero exit, a clear message
 * on stderr, and leaves the store exactly as it was. Fetches are served by an HTTP server on
 * 127.0.0.1 started here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    private static final byte[] DATA = "hello reliability\n".repeat(200).getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private String base;
    private Path home;
    private final List<String> table = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data.txt", ex -> {
            ex.sendResponseHeaders(200, DATA.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(DATA);
            }
        });
        server.createContext("/truncated.txt", ex -> {
            ex.sendResponseHeaders(200, DATA.length); // promises all, sends a tenth, then hangs up
            OutputStream o = ex.getResponseBody();
            o.write(DATA, 0, DATA.length / 10);
            o.flush();
            ex.getHttpContext().getServer();
            ex.close();
        });
        byte[] evil = evilZip();
        server.createContext("/evil.zip", ex -> {
            ex.sendResponseHeaders(200, evil.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(evil);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        home = Support.newHome("badinput");
        // a store with something in it, so that "unchanged" means something
        Support.Result r = Support.run(home, 120, "stage:realize", "example-chain", "depth=3");
        assertEquals(0, r.code(), r.toString());
    }

    @AfterAll
    void stop() {
        server.stop(0);
        System.out.println("RELIABILITY bad-input:");
        table.forEach(l -> System.out.println("  " + l));
    }

    /** Runs a command that must fail: non-zero exit, one clear line on stderr, store unchanged. */
    private String refused(String label, String... args) throws Exception {
        Map<String, String> before = storeState();
        Support.Result r = Support.run(home, 120, args);
        assertNotEquals(0, r.code(), label + ": " + r);
        List<String> err = r.errLines();
        assertFalse(err.isEmpty(), label + ": nothing on stderr");
        assertTrue(err.size() <= 2, label + ": not one clear line: " + r);
        assertFalse(r.err().contains("\tat "), label + ": a stack trace instead of a message: " + r);
        assertUnchanged(before, storeState(), label);
        table.add(label + " -> exit " + r.code() + ": " + err.get(0));
        return r.err();
    }

    /**
     * Nothing that was there changed or went, and nothing was added but the derivation.json of the
     * refused derivation (derivations are recorded when instantiated, before any build: by design).
     */
    static void assertUnchanged(Map<String, String> before, Map<String, String> after, String label) {
        List<String> diff = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                diff.add((after.containsKey(k) ? "changed " : "lost ") + k);
            }
        });
        after.forEach((k, v) -> {
            boolean derivationOnly = k.matches("store-v1/[0-9a-f]{32}-[^/]+(/derivation\\.json)?");
            if (!before.containsKey(k) && !derivationOnly) {
                diff.add("added " + k);
            }
        });
        assertTrue(diff.isEmpty(), label + ": the store changed: " + diff);
    }

    private Map<String, String> storeState() throws IOException {
        return Support.snapshot(home, "locks", "logs", "config", "bundles", "cache");
    }

    @Test
    void malformedConfigValue() throws Exception {
        String err = refused("malformed value", "stage:realize", "example-chain", "depth=abc");
        assertTrue(err.contains("depth"), err);
        refused("negative depth", "stage:realize", "example-chain", "depth=-1");
    }

    @Test
    void homeThatIsNoStore() throws Exception {
        Path folder = Support.newHome("not-a-store");
        Path thesis = folder.resolve("thesis.tex");
        Files.writeString(thesis, "\\documentclass{article}");
        Support.Result r = Support.run(folder, 120, "stage:realize", "example-chain", "depth=2");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("is not a StagedML store") && r.err().contains("thesis.tex"), r.toString());
        assertEquals("\\documentclass{article}", Files.readString(thesis));
        assertFalse(Files.exists(folder.resolve("store-v1")), "a store was made in a folder that is none");
        table.add("STAGEDML_HOME not a store -> exit " + r.code() + ": " + r.errLines().get(0));
    }

    @Test
    void unknownStage() throws Exception {
        String err = refused("unknown stage", "stage:realize", "no-such-stage");
        assertTrue(err.contains("no-such-stage"), err);
    }

    @Test
    void unknownField() throws Exception {
        String err = refused("unknown field", "stage:realize", "example-chain", "dept=3");
        assertTrue(err.contains("dept"), err);
    }

    @Test
    void fetchHashMismatch() throws Exception {
        String err = refused("fetch hash mismatch", "stage:realize", "fetchurl", "url=" + base + "/data.txt",
                "sha256=" + "0".repeat(64));
        assertTrue(err.toLowerCase().contains("sha256") || err.toLowerCase().contains("checksum"), err);
    }

    @Test
    void truncatedDownload() throws Exception {
        refused("truncated download", "stage:realize", "fetchurl", "url=" + base + "/truncated.txt",
                "sha256=" + sha256(DATA));
    }

    @Test
    void archiveEscapingItsFolder() throws Exception {
        Path outside = home.getParent().resolve("evil.txt");
        Files.deleteIfExists(outside);
        refused("zip-slip archive", "stage:realize", "fetchurl", "url=" + base + "/evil.zip",
                "sha256=" + sha256(evilZip()), "unpack=true");
        try (var s = Files.walk(home.getParent(), 4)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("evil.txt")), "the archive wrote outside its folder");
        }
    }

    @Test
    void fetchWithoutChecksumIsRefusedUnlessAllowed() throws Exception {
        String err = refused("fetch without checksum", "stage:realize", "fetchurl", "url=" + base + "/data.txt");
        assertTrue(err.contains("insecure=true"), err);
        Support.Result ok = Support.run(home, 120, "stage:realize", "fetchurl", "url=" + base + "/data.txt", "insecure=true");
        assertEquals(0, ok.code(), ok.toString());
        Path dir = home.resolve("store-v1").resolve(org.stagedml.api.RRef.parse(ok.lastRref()).dref().toString().substring(5));
        String derivation = Files.readString(dir.resolve("derivation.json"));
        assertTrue(derivation.replace(" ", "").contains("\"insecure\":true"), derivation);
        Path realization = new org.stagedml.store.internal.FileStore(home).path(org.stagedml.api.RRef.parse(ok.lastRref()));
        String meta = Files.readString(realization.resolve("_meta/meta.json"));
        assertTrue(meta.replace(" ", "").contains("\"insecure\":\"true\"") || meta.replace(" ", "").contains("\"insecure\":true"), meta);
        assertTrue(Files.readString(realization.resolve("_meta/build.log")).contains("without a checksum"));
        table.add("fetch with insecure=true -> exit 0; derivation.json and _meta/meta.json record insecure, build.log warns");
    }

    private static byte[] evil;

    /** A zip whose second entry climbs out of the unpack folder (built once: zip entries carry times). */
    static synchronized byte[] evilZip() throws IOException {
        if (evil != null) {
            return evil;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("ok.txt"));
            z.write("fine".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("../../../evil.txt"));
            z.write("escaped".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        evil = b.toByteArray();
        return evil;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
