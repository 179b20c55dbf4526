package org.stagedml.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/** The bundle jars of the assembled distribution, as Pax Exam provisioning options. */
final class DistributionBundles {
    /** Set by the pom to distribution/target/stagedml/bundle. */
    static final String DIR_PROPERTY = "stagedml.itest.bundles";
    /** Felix is the framework Pax Exam boots, never one of its bundles. */
    private static final String FRAMEWORK = "org.apache.felix.framework";

    private DistributionBundles() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "../../distribution/target/stagedml/bundle"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no distribution bundles at " + dir.toAbsolutePath()
                    + ": build the distribution module first, or skip these tests with -DskipITs");
        }
        return dir;
    }

    static List<Path> jars() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.toString().endsWith(".jar"))
                    .filter(DistributionBundles::isInstallableBundle)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Option[] asOptions() {
        return jars().stream().map(j -> bundle(j.toUri().toString())).toArray(Option[]::new);
    }

    private static boolean isInstallableBundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn != null && !bsn.startsWith(FRAMEWORK + ";") && !bsn.equals(FRAMEWORK);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
