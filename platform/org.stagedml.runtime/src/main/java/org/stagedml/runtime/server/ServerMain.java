package org.stagedml.runtime.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.stagedml.runtime.EmbeddedFramework;
import org.stagedml.runtime.LaunchConfig;
import org.stagedml.runtime.client.ServerFolder;
import org.stagedml.runtime.cli.Main;

/**
 * The StagedML server of one home: {@code ServerMain <home> <build key> <idle timeout>}, started
 * in the background by the client ({@link org.stagedml.runtime.client.Client}) with its own
 * session and its output in {@code <home>/server/server.log}. Starts the framework once, then
 * serves commands on the home's socket until it idles out, is stopped, or a client of another
 * build retires it.
 */
public final class ServerMain {
    /** Held so that its level sticks (java.util.logging keeps loggers weakly). */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ServerMain <home> <build key> <idle timeout: 90, 90s, 10m, 3h>");
            System.exit(2);
        }
        ignoreInterrupts();
        JLINE_LOG.setLevel(Level.SEVERE);
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        Duration idle = idle(args[2]);
        ServerFolder folder = ServerFolder.of(home);
        Path dist = Path.of(System.getProperty("stagedml.dist", ".")).toAbsolutePath().normalize();
        Files.createDirectories(home);
        Map<String, String> props = new HashMap<>();
        props.put("gosh.home", dist.resolve("conf/batch").toString());
        LaunchConfig config = new LaunchConfig(dist.resolve("bundle"), home, Main.cacheBase(dist, System.getenv()), props);
        // the folders as the framework takes them in at its start; later changes are applied before each command
        String configState = HomeChanges.state(config.configDir(), "*.cfg");
        String bundleState = HomeChanges.state(config.hotBundleDir(), "*.jar");
        long t0 = System.nanoTime();
        EmbeddedFramework fw = EmbeddedFramework.start(config);
        for (String failure : fw.startFailures()) {
            System.err.println("warning: bundle did not start: " + failure);
        }
        CommandServer server = new CommandServer(fw, folder, args[1], idle,
                new HomeChanges(fw.bundleContext(), config.configDir(), config.hotBundleDir(), configState, bundleState));
        if (!server.bind()) {
            System.err.println("another server answers on " + folder.socket() + ": exiting");
            fw.close();
            System.exit(0);
        }
        System.err.println("pid " + ProcessHandle.current().pid() + " serving " + home + " on " + folder.socket()
                + " (framework started in " + (System.nanoTime() - t0) / 1_000_000 + " ms, idle timeout "
                + idle.toSeconds() + " s)");
        try {
            server.serve();
        } finally {
            server.stop();
            fw.close();
        }
        System.err.println("stopped");
        System.exit(0);
    }

    /** {@code 600}, {@code 600s}, {@code 10m}, {@code 3h}; empty means the default (10 minutes). */
    static Duration idle(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) {
            return DEFAULT_IDLE;
        }
        char unit = t.charAt(t.length() - 1);
        long n;
        try {
            n = Long.parseLong(Character.isDigit(unit) ? t : t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            System.err.println("warning: STAGEDML_SERVER_IDLE=" + text + " is no duration (like 90s, 10m, 3h): "
                    + DEFAULT_IDLE.toMinutes() + " minutes");
            return DEFAULT_IDLE;
        }
        return switch (unit) {
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * Ctrl-C in the terminal a client started the server from must not reach it (it runs in its own
     * session where setsid exists; this covers the rest). SIGTERM still stops it cleanly.
     */
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no such signal here
        }
    }
}
