package org.stagedml.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

/**
 * {@code home/config/<pid>.cfg} with real Felix, Config Admin and File Install: applied before the
 * other bundles start, kept as File Install would write it, taken live when edited while running,
 * and forgotten when the file is deleted between launches.
 */
class ConfigFilesTest {
    private static final Path BUNDLES = Path.of("target/test-bundles");

    @TempDir
    Path tmp;

    private LaunchConfig config() throws Exception {
        Path dir = tmp.resolve("bundle");
        Files.createDirectories(dir);
        for (String jar : new String[] {"org.apache.felix.configadmin.jar", "org.apache.felix.fileinstall.jar"}) {
            Files.copy(BUNDLES.resolve(jar), dir.resolve(jar), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new LaunchConfig(dir, tmp.resolve("home"), tmp.resolve("cache"), Map.of());
    }

    /** The properties Config Admin holds for a PID, null when it has none (driven reflectively: CM is in the framework). */
    private static Dictionary<?, ?> configuration(EmbeddedFramework fw, String pid) throws Exception {
        ServiceReference<?> ref = fw.awaitService("(objectClass=org.osgi.service.cm.ConfigurationAdmin)", Duration.ofSeconds(10));
        assertNotNull(ref, "Config Admin is not running");
        Object cm = fw.bundleContext().getService(ref);
        try {
            Method list = Class.forName("org.osgi.service.cm.ConfigurationAdmin", true, cm.getClass().getClassLoader())
                    .getMethod("listConfigurations", String.class);
            Object[] found = (Object[]) list.invoke(cm, "(service.pid=" + pid + ")");
            if (found == null || found.length == 0) {
                return null;
            }
            Method props = list.getDeclaringClass().getClassLoader().loadClass("org.osgi.service.cm.Configuration")
                    .getMethod("getProperties");
            return (Dictionary<?, ?>) props.invoke(found[0]);
        } finally {
            fw.bundleContext().ungetService(ref);
        }
    }

    @Test
    void appliedBeforeTheBundlesStartTakenLiveAndForgottenWithTheirFile() throws Exception {
        Path cfg = tmp.resolve("home/config/org.example.slots.cfg");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "# two emulated GPUs\ngpus=2\ncpuWorkers = 4\n");
        LaunchConfig launch = config();
        try (EmbeddedFramework fw = EmbeddedFramework.start(launch)) {
            assertTrue(fw.startFailures().isEmpty(), fw.startFailures().toString());
            Dictionary<?, ?> d = configuration(fw, "org.example.slots");
            assertNotNull(d, "the file was not applied at start");
            assertEquals("2", d.get("gpus"));
            assertEquals("4", d.get("cpuWorkers"));
            assertEquals(cfg.toFile().getAbsoluteFile().toURI().toString(), d.get("felix.fileinstall.filename"));
            // edited while running: File Install takes it
            Files.writeString(cfg, "gpus=1\ncpuWorkers=4\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!"1".equals(configuration(fw, "org.example.slots").get("gpus")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("1", configuration(fw, "org.example.slots").get("gpus"), "an edit was not applied live");
        }
        Files.delete(cfg);
        try (EmbeddedFramework fw = EmbeddedFramework.start(launch)) {
            assertNull(configuration(fw, "org.example.slots"), "the configuration of a deleted file stayed");
        }
    }
}
