package org.stagedml.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The packages a host application shares with the embedded framework so that it can use the API's
 * types directly: the StagedML API and Jackson (whose types the API's Config exposes), each
 * package as its jar's manifest exports it. They are exported by the system bundle from the
 * host's class path, and the bundles that would export them a second time are not installed.
 */
public final class SharedPackages {
    /** Bundles replaced by the host's class path. */
    public static final Set<String> HOST_PROVIDED_BUNDLES = Set.of("org.stagedml.api",
            "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind",
            "com.fasterxml.jackson.core.jackson-annotations");

    /**
     * Bundles an embedding host does without: the JLine console (a host has no terminal, and its
     * shell session's threads would outlive the framework).
     */
    public static final Set<String> NOT_EMBEDDED = Set.of(SharedPackages.CONSOLE);

    /**
     * The bundle of the JLine console. Started last, so that its profile and first prompt find
     * every command (and the completion the shell bundle installs into its session).
     */
    public static final String CONSOLE = "org.apache.felix.gogo.jline";

    /** A class of each jar whose exported packages are shared: the API, and Jackson's three bundles. */
    private static final List<Class<?>> SHARED_JARS = List.of(org.stagedml.api.Config.class,
            com.fasterxml.jackson.annotation.JsonProperty.class, com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.databind.ObjectMapper.class);

    private SharedPackages() {
    }

    /**
     * The value of org.osgi.framework.system.packages.extra for these packages.
     *
     * @param packages each package with its version (see {@link #exportedPackages()})
     */
    public static String systemPackagesExtra(Map<String, String> packages) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(packages).forEach((p, version) -> append(sb, p, version));
        return sb.toString();
    }

    /**
     * The packages the API and Jackson jars on the host's class path export, with their versions,
     * read from those jars' manifests (all four are OSGi bundles; bnd writes the API's versions from
     * the packages' @Version, Jackson's builds write theirs).
     */
    public static Map<String, String> exportedPackages() {
        Map<String, String> packages = new HashMap<>();
        for (Class<?> c : SHARED_JARS) {
            Map<String, String> exported = exports(c);
            if (exported.isEmpty()) {
                throw new IllegalStateException("the jar of " + c.getName() + " on the class path exports no packages:"
                        + " it must be the OSGi bundle (its manifest names the packages to share)");
            }
            packages.putAll(exported);
        }
        return packages;
    }

    /** The Export-Package header of the jar (or classes folder) a class was loaded from, as package -> version. */
    static Map<String, String> exports(Class<?> c) {
        Path p = null;
        try {
            p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest m;
            if (Files.isDirectory(p)) {
                try (InputStream in = Files.newInputStream(p.resolve("META-INF/MANIFEST.MF"))) {
                    m = new Manifest(in);
                }
            } else {
                try (JarFile jf = new JarFile(p.toFile())) {
                    m = jf.getManifest();
                }
            }
            return m == null ? Map.of() : ExportPackageHeader.versions(m.getMainAttributes().getValue("Export-Package"));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot read the manifest of " + c.getName() + "'s jar"
                    + (p == null ? "" : " at " + p) + ": " + e.getMessage(), e);
        }
    }

    private static void append(StringBuilder sb, String pkg, String version) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(pkg).append(";version=\"").append(version).append('"');
    }
}
