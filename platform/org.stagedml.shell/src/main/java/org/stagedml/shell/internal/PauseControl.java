package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.store.Store;

/**
 * How {@code stage:continue}, {@code stage:abort} and {@code stage:skip} reach a build paused in
 * another process (every {@code bin/stagedml} is its own JVM): a paused build is announced by a file
 * {@code <pid>-<job>-<n>.pause} in the store's user folder {@code paused/}; another process writes
 * the decision beside it as {@code <same>.cmd} (atomically), and the paused process, which watches
 * its own files, applies it and removes both. Announcements of processes that are gone are stale
 * and removed by whoever lists them.
 */
final class PauseControl implements AutoCloseable {
    static final String KIND = "paused";
    private static final String PAUSE = ".pause";
    private static final String CMD = ".cmd";
    private static final long POLL_MS = 200;
    private static final long SEND_WAIT_MS = 30_000;
    private final Store store;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, PausedBuild> published = new ConcurrentHashMap<>();
    private final Runnable onResolved;
    private Thread watcher;
    private volatile boolean closed;

    /** @param onResolved told when a pause was resolved through its file */
    PauseControl(Store store, Runnable onResolved) {
        this.store = store;
        this.onResolved = onResolved;
    }

    /** Announces a pause of this process and watches for a decision from another one. */
    synchronized void publish(PausedBuild p) {
        String name = pid + "-" + p.job() + "-" + counter.incrementAndGet();
        try {
            Path dir = store.userFolder(KIND);
            Path tmp = dir.resolve(name + PAUSE + ".tmp");
            Files.writeString(tmp, "dref=" + p.dref() + "\npoint=" + p.point() + "\nout=" + p.out() + "\npid=" + pid
                    + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name + PAUSE), StandardCopyOption.ATOMIC_MOVE);
            published.put(name, p);
        } catch (IOException | RuntimeException e) {
            // the pause still works from this shell; only other terminals cannot reach it
            System.err.println("warning: other terminals cannot reach this pause: " + Text.oneLine(e));
            return;
        }
        if (watcher == null) {
            watcher = new Thread(this::watch, "stagedml-pause-control");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<String, PausedBuild> e : published.entrySet()) {
                poll(e.getKey(), e.getValue());
            }
        }
    }

    private void poll(String name, PausedBuild p) {
        try {
            Path dir = store.userFolder(KIND);
            Path cmd = dir.resolve(name + CMD);
            if (!p.isResolved() && Files.isRegularFile(cmd)) {
                String decision = Files.readString(cmd, StandardCharsets.UTF_8).trim();
                switch (decision) {
                    case "continue" -> p.proceed();
                    case "skip" -> p.skip();
                    default -> p.abort();
                }
                onResolved.run();
            }
            if (p.isResolved()) {
                published.remove(name);
                Files.deleteIfExists(dir.resolve(name + PAUSE));
                Files.deleteIfExists(cmd);
            }
        } catch (IOException | RuntimeException e) {
            // try again at the next poll
        }
    }

    /**
     * Sends a decision ({@code continue}, {@code abort}, {@code skip}) to the build paused in another
     * process (the one naming {@code which}, a stage name or dref, when several are paused) and waits
     * until it was taken. Prints what it did.
     */
    void send(PrintStream out, String decision, String which) {
        List<Path> pauses = others(which);
        if (pauses.isEmpty()) {
            throw new StagedmlException("no build is paused" + (which == null ? "" : " for '" + which + "'")
                    + ": stage:" + decision + " goes on with a build that stage:realize --break, --break-all or"
                    + " --break-before paused");
        }
        if (pauses.size() > 1) {
            StringBuilder sb = new StringBuilder("several builds are paused; name one (stage or dref):");
            pauses.forEach(p -> sb.append("\n  ").append(field(p, "dref")).append(" (process ").append(pidOf(p)).append(')'));
            throw new StagedmlException(sb.toString());
        }
        Path pause = pauses.get(0);
        String dref = field(pause, "dref"); // read now: the paused process removes the file once it took the decision
        long owner = pidOf(pause);
        String base = pause.getFileName().toString();
        base = base.substring(0, base.length() - PAUSE.length());
        try {
            Path tmp = pause.resolveSibling(base + CMD + ".tmp");
            Files.writeString(tmp, decision + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, pause.resolveSibling(base + CMD), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StagedmlException("cannot send " + decision + " to the paused build (" + pause + "): "
                    + Text.oneLine(e), e);
        }
        long deadline = System.currentTimeMillis() + SEND_WAIT_MS;
        while (Files.exists(pause) && System.currentTimeMillis() < deadline && alive(owner)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String what = decision + " sent to the paused build of " + dref + " in process " + owner;
        out.println(Files.exists(pause) ? what + " (not taken yet)" : what.replace(" sent to ", ": "));
    }

    /** The announcements of live other processes matching {@code which} (null: all); stale ones are removed. */
    private List<Path> others(String which) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(store.userFolder(KIND))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.getFileName().toString().endsWith(PAUSE) || pidOf(p) == pid) {
                    continue;
                }
                if (!alive(pidOf(p))) {
                    Files.deleteIfExists(p);
                    continue;
                }
                String dref = field(p, "dref");
                if (which == null || dref.equals(which) || dref.endsWith("-" + which)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new StagedmlException("cannot list the paused builds: " + Text.oneLine(e), e);
        }
        return found;
    }

    private static long pidOf(Path pause) {
        String n = pause.getFileName().toString();
        try {
            return Long.parseLong(n.substring(0, n.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String field(Path pause, String key) {
        try {
            Optional<String> line = Files.readAllLines(pause, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(key + "=")).findFirst();
            return line.map(l -> l.substring(key.length() + 1)).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread w = watcher;
        if (w != null) {
            w.interrupt();
        }
        published.keySet().forEach(name -> {
            try {
                Files.deleteIfExists(store.userFolder(KIND).resolve(name + PAUSE));
            } catch (IOException | RuntimeException e) {
                // stale: whoever lists the pauses removes it
            }
        });
    }
}
