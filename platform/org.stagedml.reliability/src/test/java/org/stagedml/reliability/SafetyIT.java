package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Safety defaults: the Gogo shell is not reachable over the network (a running interactive
 * bin/stagedml listens on no TCP port; no remote-shell bundle ships), and no shipped config
 * starts one.
 */
class SafetyIT {
    @Test
    void interactiveShellOpensNoListeningSocket() throws Exception {
        Path home = Support.newHome("net");
        Process p = Support.stagedml(home).redirectErrorStream(true).start();
        try {
            StringBuilder seen = new StringBuilder();
            InputStream in = p.getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("StagedML for the JVM") && System.nanoTime() < deadline && p.isAlive()) {
                if (in.available() > 0) {
                    int n = in.read(buf);
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(seen.toString().contains("StagedML for the JVM"), "the shell did not start: " + seen);
            Thread.sleep(1500); // every bundle started, the shell waits for input
            Set<Long> pids = new HashSet<>();
            pids.add(p.pid());
            p.descendants().forEach(h -> pids.add(h.pid()));
            Set<String> inodes = new HashSet<>();
            for (long pid : pids) {
                try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                    for (Path fd : fds.toList()) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")) {
                                inodes.add(target.substring(8, target.length() - 1));
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                }
            }
            List<String> listening = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path t = Path.of(table);
                if (!Files.exists(t)) {
                    continue;
                }
                for (String line : Files.readAllLines(t).subList(1, Files.readAllLines(t).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                        listening.add(table + " " + f[1]);
                    }
                }
            }
            assertTrue(listening.isEmpty(), "the shell process listens on TCP: " + listening);
            System.out.printf("RELIABILITY network: interactive bin/stagedml pid %d, %d sockets, 0 listening TCP sockets%n",
                    p.pid(), inodes.size());
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void noRemoteShellShipsOrIsConfigured() throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Support.dist().resolve("bundle"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    String bsn = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                    names.add(bsn == null ? jar.getFileName().toString() : bsn.split(";")[0].trim());
                }
            }
        }
        assertFalse(names.isEmpty());
        for (String n : names) {
            String l = n.toLowerCase();
            assertFalse(l.contains("remote") || l.contains("telnet") || l.contains("ssh") || l.contains("webconsole")
                    || l.contains("jmx") || l.equals("org.apache.felix.gogo.shell"), "a remote shell bundle ships: " + n);
        }
        // nothing in conf/ or the launcher starts gogo's opt-in telnetd or sets a shell port
        List<Path> confFiles = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Support.dist().resolve("conf"))) {
            s.filter(Files::isRegularFile).forEach(confFiles::add);
        }
        confFiles.add(Support.dist().resolve("bin/stagedml"));
        for (Path f : confFiles) {
            for (String line : Files.readAllLines(f)) {
                String t = line.trim();
                if (t.startsWith("#") || t.startsWith("complete ")) {
                    continue; // comments and tab-completion descriptions
                }
                assertFalse(t.matches(".*\\btelnetd\\s+(-\\S+\\s+)*start.*") || t.contains("osgi.shell.telnet")
                        || t.contains("gosh.args") && t.contains("telnet"), f + " starts a network shell: " + t);
            }
        }
        System.out.printf("RELIABILITY network: %d bundles, none a remote shell; no config starts telnetd%n", names.size());
        assertEquals(names.size(), new HashSet<>(names).size());
    }
}
