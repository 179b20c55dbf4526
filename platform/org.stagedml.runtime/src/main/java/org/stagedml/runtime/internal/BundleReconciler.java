package org.stagedml.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Makes the bundles installed in a (persistent) framework match a folder of jars: installs new
 * ones, updates changed ones, uninstalls those whose file is gone, and starts them all. Bundles in
 * the hot-deploy folder are left to File Install; anything else found in the cache (left by an
 * earlier launch with another home) is uninstalled.
 */
public final class BundleReconciler {
    private final BundleContext context;

    public BundleReconciler(BundleContext context) {
        this.context = context;
    }

    /**
     * Returns the platform bundles: the folder's jars in sorted order, less those whose symbolic
     * name is in {@code skipped}, then the extra jars.
     */
    public List<Bundle> reconcile(Path bundleDir, List<Path> extra, Set<String> skipped, Path hotDir)
            throws IOException, BundleException {
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                installed.put(b.getLocation(), b);
            }
        }
        List<Path> wanted = new ArrayList<>();
        for (Path jar : jars(bundleDir)) {
            if (!skipped.contains(symbolicName(jar))) {
                wanted.add(jar.toAbsolutePath().normalize());
            }
        }
        for (Path jar : extra) {
            wanted.add(jar.toAbsolutePath().normalize());
        }
        Set<String> locations = new HashSet<>();
        wanted.forEach(jar -> locations.add(jar.toUri().toString()));
        // stale bundles go first: a moved distribution brings the same bundles under new
        // locations, and Felix refuses a second bundle of one symbolic name and version
        String hotPrefix = hotDir.toUri().toString();
        for (Bundle stale : List.copyOf(installed.values())) {
            String loc = stale.getLocation();
            boolean hot = loc.startsWith(hotPrefix) || loc.startsWith("file:" + hotDir);
            if (!hot && !locations.contains(loc)) {
                stale.uninstall();
                installed.remove(loc);
            }
        }
        List<Bundle> platform = new ArrayList<>();
        for (Path jar : wanted) {
            String location = jar.toUri().toString();
            Bundle b = installed.remove(location);
            if (b == null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    b = context.installBundle(location, in);
                }
            } else if (Files.getLastModifiedTime(jar).toMillis() > b.getLastModified()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    b.update(in);
                }
            }
            platform.add(b);
        }
        return platform;
    }

    /**
     * Starts every bundle that is not a fragment, those named in {@code last} after the others;
     * collects failures instead of stopping at the first.
     */
    public List<String> startAll(List<Bundle> bundles, String... last) {
        List<String> failures = new ArrayList<>();
        List<Bundle> ordered = new ArrayList<>(bundles);
        ordered.sort(java.util.Comparator.comparing(b -> List.of(last).contains(b.getSymbolicName())));
        for (Bundle b : ordered) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException e) {
                failures.add(b.getSymbolicName() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return bsn == null ? "" : bsn.split(";", 2)[0].trim();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }
}
