package org.stagedml.runtime.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.stagedml.runtime.EmbeddedFramework;
import org.stagedml.runtime.LaunchConfig;
import org.stagedml.runtime.StagedmlHome;

/**
 * {@code bin/stagedml [command line]}. With no arguments, the interactive Gogo shell (JLine line
 * editing, history, completion). With arguments, runs them as one Gogo command line, prints the
 * output and exits 0, or prints the error on stderr and exits 1. Ctrl-C cancels the command.
 */
public final class Main {
    /** Held so that its level sticks (java.util.logging keeps loggers weakly). */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");
    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new Main(System.getenv()).run(args);
        } catch (Exception e) {
            System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            code = 2;
        }
        System.exit(code);
    }

    int run(String[] args) throws Exception {
        Path dist = Path.of(System.getProperty("stagedml.dist", ".")).toAbsolutePath().normalize();
        Path home = StagedmlHome.resolve(env);
        Files.createDirectories(home);
        boolean interactive = args.length == 0;
        Map<String, String> props = new HashMap<>();
        if (interactive) {
            props.put("gosh.args", ""); // the JLine console; leaving it stops the framework
            props.put("gosh.home", dist.resolve("conf/shell").toString());
        } else {
            // no console: a profile without line-editor set-up, and no warning about a dumb terminal
            props.put("gosh.home", dist.resolve("conf/batch").toString());
            JLINE_LOG.setLevel(Level.SEVERE);
        }
        LaunchConfig config = new LaunchConfig(dist.resolve("bundle"), home, cacheBase(dist), props);
        EmbeddedFramework fw = EmbeddedFramework.start(config);
        for (String failure : fw.startFailures()) {
            System.err.println("warning: bundle did not start: " + failure);
        }
        if (interactive) {
            fw.awaitStop();
            fw.close();
            return 0;
        }
        return runOnce(fw, commandLine(args));
    }

    private int runOnce(EmbeddedFramework fw, String line) throws Exception {
        GogoCommandRunner runner = new GogoCommandRunner(fw);
        // the process's own streams: once Gogo runs, System.out is its per-thread redirecting
        // stream, and a session writing into it would write into itself
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        AtomicInteger code = new AtomicInteger(1);
        Thread command = new Thread(() -> {
            try {
                code.set(runner.run(line, new FileInputStream(FileDescriptor.in), out, err));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stagedml-command");
        // Ctrl-C: interrupt the command so that it cancels cleanly, then let the JVM go
        Thread hook = new Thread(() -> {
            runner.interrupt();
            command.interrupt();
            try {
                command.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                fw.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }, "stagedml-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        command.start();
        command.join();
        fw.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return code.get();
    }

    /**
     * One argument is taken as a whole command line ({@code bin/stagedml "lb | grep api"}); several
     * are joined, quoting those the Gogo parser would otherwise split or interpret.
     */
    public static String commandLine(String[] args) {
        if (args.length == 1) {
            return args[0];
        }
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean plain = !a.isEmpty() && a.chars().noneMatch(c -> Character.isWhitespace(c) || "\"';|&{}()[]$<>\\#".indexOf(c) >= 0);
            sb.append(plain ? a : "'" + a.replace("'", "'\"'\"'") + "'");
        }
        return sb.toString();
    }

    private Path cacheBase(Path dist) {
        return cacheBase(dist, env);
    }

    /** Where the Felix bundle caches live: $STAGEDML_CACHE, else the distribution's cache/ (or ~/.cache/stagedml). */
    public static Path cacheBase(Path dist, Map<String, String> env) {
        String explicit = env.get("STAGEDML_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path inDist = dist.resolve("cache");
        if (Files.isWritable(dist)) {
            return inDist;
        }
        return Path.of(System.getProperty("user.home"), ".cache", "stagedml");
    }

}
