package org.stagedml.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.FrameworkEvent;
import org.stagedml.runtime.internal.BundleReconciler;
import org.stagedml.runtime.internal.CacheSlot;
import org.stagedml.runtime.internal.ConfigFiles;
import org.stagedml.runtime.internal.SharedPackages;

/**
 * A Felix framework running in this process with the StagedML bundles. {@link #start} installs
 * (or updates) every jar of the bundle folder, watches {@code home/bundles} through File Install,
 * and starts them; {@link #close} stops the framework and releases its cache slot.
 */
public final class EmbeddedFramework implements AutoCloseable {
    private static final String CONFIG_ADMIN = "org.apache.felix.configadmin";
    private final Framework framework;
    private final CacheSlot slot;
    private final List<String> startFailures;

    private EmbeddedFramework(Framework framework, CacheSlot slot, List<String> startFailures) {
        this.framework = framework;
        this.slot = slot;
        this.startFailures = List.copyOf(startFailures);
    }

    public static EmbeddedFramework start(LaunchConfig config) throws IOException, BundleException {
        if (!Files.isDirectory(config.bundleDir())) {
            throw new IOException("no bundle folder at " + config.bundleDir());
        }
        Files.createDirectories(config.hotBundleDir());
        Files.createDirectories(config.configDir());
        CacheSlot slot = CacheSlot.acquire(config.cacheBase());
        try {
            System.setProperty(StagedmlHome.PROPERTY, config.home().toString());
            Framework fw = factory().newFramework(properties(config, slot));
            fw.init();
            BundleReconciler reconciler = new BundleReconciler(fw.getBundleContext());
            List<Bundle> bundles = reconciler.reconcile(config.bundleDir(), config.extraBundles(), config.skipped(),
                    config.hotBundleDir());
            fw.start();
            List<String> failures = new java.util.ArrayList<>(configFirst(fw.getBundleContext(), bundles, config));
            failures.addAll(reconciler.startAll(bundles, SharedPackages.CONSOLE));
            return new EmbeddedFramework(fw, slot, failures);
        } catch (IOException | BundleException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /**
     * Starts Config Admin and applies the home's {@code config/*.cfg} files before any other bundle
     * starts, so that components activate with them (a one-shot command sees them applied).
     */
    private static List<String> configFirst(BundleContext context, List<Bundle> bundles, LaunchConfig config) {
        for (Bundle b : bundles) {
            if (CONFIG_ADMIN.equals(b.getSymbolicName())) {
                try {
                    b.start();
                } catch (BundleException e) {
                    return List.of(CONFIG_ADMIN + ": " + e.getMessage());
                }
                return ConfigFiles.apply(context, config.configDir());
            }
        }
        return List.of();
    }

    private static Map<String, String> properties(LaunchConfig config, CacheSlot slot) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, slot.dir().toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        p.put("felix.log.level", "1");
        // File Install: third-party stage bundles dropped into home/bundles come and go live, and so
        // do home/config/<pid>.cfg files; Config Admin's own files (subfolders of home/config) are no bundles
        p.put("felix.fileinstall.dir", config.hotBundleDir() + "," + config.configDir());
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg)");
        // the files are the user's (and stage:config's): File Install must not write them back, which it
        // does asynchronously, racing the exit of a one-shot command (a file left empty)
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "1");
        // Config Admin keeps its configurations with the home, not in the shared cache slot
        p.put("felix.cm.dir", config.configDir().toString());
        p.put(StagedmlHome.PROPERTY, config.home().toString());
        p.put(StagedmlHome.ENTRIES_PROPERTY, String.join(",", StagedmlHome.ENTRIES));
        // what the bundles log at INFO and worse reaches the log readers (the shell's log file); R7's default is WARN
        p.put("org.osgi.service.log.admin.loglevel", "INFO");
        p.put("gosh.args", "--nointeractive --noshutdown");
        // Felix HTTP serves nothing until asked (stage:web starts its own instance), not 0.0.0.0:8080 in every launch
        p.put("org.apache.felix.http.require.config", "true");
        p.putAll(config.properties());
        return p;
    }

    private static FrameworkFactory factory() {
        return ServiceLoader.load(FrameworkFactory.class, EmbeddedFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
    }

    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    public Framework framework() {
        return framework;
    }

    /** Bundles that failed to start, one line each (empty when all started). */
    public List<String> startFailures() {
        return startFailures;
    }

    /** Waits until a service matching the filter is registered; null on timeout. */
    public ServiceReference<?> awaitService(String filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try {
                ServiceReference<?>[] refs = bundleContext().getServiceReferences((String) null, filter);
                if (refs != null && refs.length > 0) {
                    return refs[0];
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** Blocks until the framework stops (e.g. the interactive shell exits). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    @Override
    public void close() throws IOException {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
            }
            FrameworkEvent e = framework.waitForStop(Duration.ofSeconds(60).toMillis());
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("warning: the framework did not stop within 60 s");
            }
        } catch (BundleException e) {
            throw new IOException("stopping the framework failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slot.close();
        }
    }
}
