package org.stagedml.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The packages a host application shares with the embedded framework so that it can use the API's
 * types directly: the StagedML API and Jackson (whose types the API's Config exposes). They are
 * exported by the system bundle from the host's class path, and the bundles that would export
 * them a second time are not installed.
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
    public static final Set<String> NOT_EMBEDDED = Set.of("org.apache.felix.gogo.jline");

    private static final List<String> API = List.of("org.stagedml.api", "org.stagedml.api.stage",
            "org.stagedml.api.store", "org.stagedml.api.realize", "org.stagedml.api.engine");

    private SharedPackages() {
    }

    /**
     * The value of org.osgi.framework.system.packages.extra for these packages.
     *
     * @param apiVersions each API package's version (see {@link #apiVersions()})
     */
    public static String systemPackagesExtra(Map<String, String> apiVersions, String jacksonVersion) {
        StringBuilder sb = new StringBuilder();
        for (String p : API) {
            String version = apiVersions.get(p);
            if (version == null) {
                throw new IllegalStateException("the StagedML API on the class path exports no version of " + p);
            }
            append(sb, p, version);
        }
        for (String p : jacksonPackages()) {
            append(sb, p, jacksonVersion);
        }
        return sb.toString();
    }

    /**
     * The versions the API bundle exports its packages at (each package has its own), read from
     * the manifest of the API jar (or classes folder) on the host's class path; bnd writes them
     * from the packages' @Version.
     */
    public static Map<String, String> apiVersions() {
        Path p = null;
        try {
            p = Path.of(org.stagedml.api.Config.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
            return ExportPackageHeader.versions(m.getMainAttributes().getValue("Export-Package"));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the StagedML API's manifest" + (p == null ? "" : " at " + p)
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<String> jacksonPackages() {
        return List.of("com.fasterxml.jackson.annotation", "com.fasterxml.jackson.core",
                "com.fasterxml.jackson.core.base", "com.fasterxml.jackson.core.exc",
                "com.fasterxml.jackson.core.filter", "com.fasterxml.jackson.core.format",
                "com.fasterxml.jackson.core.io", "com.fasterxml.jackson.core.json",
                "com.fasterxml.jackson.core.json.async", "com.fasterxml.jackson.core.sym",
                "com.fasterxml.jackson.core.type", "com.fasterxml.jackson.core.util",
                "com.fasterxml.jackson.databind", "com.fasterxml.jackson.databind.annotation",
                "com.fasterxml.jackson.databind.cfg", "com.fasterxml.jackson.databind.deser",
                "com.fasterxml.jackson.databind.deser.impl", "com.fasterxml.jackson.databind.deser.std",
                "com.fasterxml.jackson.databind.exc", "com.fasterxml.jackson.databind.ext",
                "com.fasterxml.jackson.databind.introspect", "com.fasterxml.jackson.databind.jsonFormatVisitors",
                "com.fasterxml.jackson.databind.jsonschema", "com.fasterxml.jackson.databind.jsontype",
                "com.fasterxml.jackson.databind.jsontype.impl", "com.fasterxml.jackson.databind.json",
                "com.fasterxml.jackson.databind.module", "com.fasterxml.jackson.databind.node",
                "com.fasterxml.jackson.databind.ser", "com.fasterxml.jackson.databind.ser.impl",
                "com.fasterxml.jackson.databind.ser.std", "com.fasterxml.jackson.databind.type",
                "com.fasterxml.jackson.databind.util", "com.fasterxml.jackson.databind.util.internal");
    }

    private static void append(StringBuilder sb, String pkg, String version) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(pkg).append(";version=\"").append(version).append('"');
    }
}
