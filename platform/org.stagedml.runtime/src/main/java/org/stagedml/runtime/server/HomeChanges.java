package org.stagedml.runtime.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.stagedml.runtime.internal.ConfigFiles;

/**
 * Before every command the server takes in what changed in the home since the last one, as a
 * fresh in-process launch would: {@code config/*.cfg} files are applied (and delivered to the
 * components) and bundles added to, replaced in or removed from {@code bundles/} are live. File
 * Install watches both folders too, but only once a second, and a command must not race it.
 */
final class HomeChanges {
    private static final Duration BUNDLE_WAIT = Duration.ofSeconds(10);
    private static final Duration CONFIG_WAIT = Duration.ofSeconds(10);
    private final BundleContext context;
    private final Path configDir;
    private final Path bundleDir;
    private String configState;
    private String bundleState;

    /** The states are the folders' as the framework started with them. */
    HomeChanges(BundleContext context, Path configDir, Path bundleDir, String configState, String bundleState) {
        this.context = context;
        this.configDir = configDir;
        this.bundleDir = bundleDir;
        this.configState = configState;
        this.bundleState = bundleState;
    }

    /** The names, sizes and times of a folder's files matching the glob: changes when any file does. */
    static String state(Path dir, String glob) {
        TreeMap<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
                for (Path f : ds) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    files.put(f.getFileName().toString(), a.size() + " " + a.lastModifiedTime().toMillis());
                }
            } catch (IOException e) {
                return "unreadable " + e.getMessage();
            }
        }
        return files.toString();
    }

    /** Applies what changed; warnings go to the command's stderr. One command at a time takes this step. */
    synchronized void apply(PrintStream err) throws InterruptedException {
        String config = state(configDir, "*.cfg");
        if (!config.equals(configState)) {
            for (String w : ConfigFiles.apply(context, configDir)) {
                err.println("warning: " + w);
            }
            if (!ConfigDelivery.await(context, CONFIG_WAIT)) {
                System.err.println("warning: the configuration changes may reach the components after the command starts");
            }
            configState = config;
        }
        String bundles = state(bundleDir, "*.jar");
        if (!bundles.equals(bundleState)) {
            awaitHotBundles(err);
            bundleState = bundles;
        }
    }

    /** Waits until File Install has installed, updated and started the folder's jars, and removed those gone. */
    private void awaitHotBundles(PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + BUNDLE_WAIT.toNanos();
        List<String> pending;
        do {
            pending = pendingBundles();
            if (pending.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        err.println("warning: bundles in " + bundleDir + " not live yet: " + String.join(", ", pending));
    }

    private List<String> pendingBundles() {
        List<String> pending = new ArrayList<>();
        List<Bundle> hot = new ArrayList<>();
        String prefix = bundleDir.toUri().toString();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith(prefix) || loc.startsWith("file:" + bundleDir + "/")) {
                hot.add(b);
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(bundleDir, "*.jar")) {
            for (Path jar : ds) {
                String name = jar.getFileName().toString();
                long modified = Files.getLastModifiedTime(jar).toMillis();
                Bundle b = hot.stream().filter(x -> x.getLocation().endsWith("/" + name)).findFirst().orElse(null);
                boolean fragment = b != null && b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                int live = fragment ? Bundle.RESOLVED | Bundle.ACTIVE : Bundle.ACTIVE;
                if (b == null || b.getLastModified() < modified || (b.getState() & live) == 0) {
                    pending.add(name);
                }
            }
        } catch (IOException e) {
            return pending;
        }
        for (Bundle b : hot) {
            String loc = b.getLocation();
            String name = loc.substring(loc.lastIndexOf('/') + 1);
            if (!Files.exists(bundleDir.resolve(name))) {
                pending.add(name + " (removed)");
            }
        }
        return pending;
    }
}
