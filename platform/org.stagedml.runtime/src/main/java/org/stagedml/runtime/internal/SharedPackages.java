package org.stagedml.runtime.internal;

import java.util.List;
import java.util.Set;

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

    /** The value of org.osgi.framework.system.packages.extra for these packages. */
    public static String systemPackagesExtra(String apiVersion, String jacksonVersion) {
        StringBuilder sb = new StringBuilder();
        for (String p : API) {
            append(sb, p, apiVersion);
        }
        for (String p : jacksonPackages()) {
            append(sb, p, jacksonVersion);
        }
        return sb.toString();
    }

    /**
     * The version the API bundle exports its packages at, read from the manifest of the API jar
     * (or classes folder) on the host's class path; bnd writes it from the packages' @Version.
     */
    public static String apiVersion() {
        try {
            java.net.URL base = org.stagedml.api.Config.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path p = java.nio.file.Path.of(base.toURI());
            java.util.jar.Manifest m;
            if (java.nio.file.Files.isDirectory(p)) {
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(p.resolve("META-INF/MANIFEST.MF"))) {
                    m = new java.util.jar.Manifest(in);
                }
            } else {
                try (java.util.jar.JarFile jf = new java.util.jar.JarFile(p.toFile())) {
                    m = jf.getManifest();
                }
            }
            String exports = m.getMainAttributes().getValue("Export-Package");
            java.util.regex.Matcher v = java.util.regex.Pattern
                    .compile("org\\.stagedml\\.api;version=\"([^\"]+)\"").matcher(exports == null ? "" : exports);
            if (v.find()) {
                return v.group(1);
            }
            throw new IllegalStateException("the API jar at " + p + " exports no version of org.stagedml.api");
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot read the StagedML API's manifest: " + e.getMessage(), e);
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
