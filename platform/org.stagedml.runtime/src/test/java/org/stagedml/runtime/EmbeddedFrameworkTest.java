package org.stagedml.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Starts real Felix with real bundles (copied by the build into target/test-bundles). */
class EmbeddedFrameworkTest {
    private static final Path BUNDLES = Path.of("target/test-bundles");
    private static final Path HOT = Path.of("target/test-hot/org.osgi.util.function.jar");

    @TempDir
    Path tmp;

    private LaunchConfig config(Path bundleDir) {
        return new LaunchConfig(bundleDir, tmp.resolve("home"), tmp.resolve("cache"), Map.of());
    }

    private Path platformDir() throws Exception {
        Path dir = tmp.resolve("bundle");
        Files.createDirectories(dir);
        for (String jar : new String[] {"org.apache.felix.fileinstall.jar", "org.apache.felix.gogo.runtime.jar"}) {
            Files.copy(BUNDLES.resolve(jar), dir.resolve(jar));
        }
        return dir;
    }

    private static Optional<Bundle> bundle(EmbeddedFramework fw, String bsn) {
        return Arrays.stream(fw.bundleContext().getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
    }

    @Test
    void startsEveryBundleAndSetsTheHome() throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(platformDir()))) {
            assertTrue(fw.startFailures().isEmpty(), fw.startFailures().toString());
            for (Bundle b : fw.bundleContext().getBundles()) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName());
            }
            assertEquals(tmp.resolve("home").toString(), fw.bundleContext().getProperty(StagedmlHome.PROPERTY));
            // the home's folders beside the store, for the store to leave alone without spelling them
            assertEquals("bundles,config,cache,server,input", fw.bundleContext().getProperty(StagedmlHome.ENTRIES_PROPERTY));
            assertNotNull(fw.awaitService("(objectClass=org.apache.felix.service.command.CommandProcessor)",
                    Duration.ofSeconds(10)));
        }
    }

    @Test
    void keepsTheCacheBetweenLaunchesAndFollowsTheBundleFolder() throws Exception {
        Path dir = platformDir();
        long gogoId;
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(dir))) {
            gogoId = bundle(fw, "org.apache.felix.gogo.runtime").orElseThrow().getBundleId();
        }
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(dir))) {
            // the same bundle, not a fresh install: the cache slot was reused
            assertEquals(gogoId, bundle(fw, "org.apache.felix.gogo.runtime").orElseThrow().getBundleId());
        }
        Files.delete(dir.resolve("org.apache.felix.gogo.runtime.jar"));
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(dir))) {
            assertTrue(bundle(fw, "org.apache.felix.gogo.runtime").isEmpty(), "a removed platform bundle stays installed");
        }
    }

    @Test
    void aMovedBundleFolderReplacesTheBundlesOfTheOldOne() throws Exception {
        Path dir = platformDir();
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(dir))) {
            assertTrue(fw.startFailures().isEmpty());
        }
        Path moved = Files.move(dir, tmp.resolve("moved"));
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(moved))) {
            Bundle gogo = bundle(fw, "org.apache.felix.gogo.runtime").orElseThrow();
            assertTrue(gogo.getLocation().contains("/moved/"), gogo.getLocation());
            assertEquals(Bundle.ACTIVE, gogo.getState());
        }
    }

    @Test
    void twoFrameworksAtOnceUseTwoCacheSlots() throws Exception {
        Path dir = platformDir();
        try (EmbeddedFramework a = EmbeddedFramework.start(config(dir));
                EmbeddedFramework b = EmbeddedFramework.start(config(dir))) {
            String sa = a.bundleContext().getProperty("org.osgi.framework.storage");
            String sb = b.bundleContext().getProperty("org.osgi.framework.storage");
            assertTrue(!sa.equals(sb), "both frameworks got " + sa);
        }
    }

    @Test
    void hotDeploysBundlesDroppedIntoTheHome() throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.start(config(platformDir()))) {
            Path dropped = tmp.resolve("home/bundles/function.jar");
            Files.copy(HOT, dropped, StandardCopyOption.REPLACE_EXISTING);
            Bundle b = await(() -> bundle(fw, "org.osgi.util.function").filter(x -> x.getState() == Bundle.ACTIVE).orElse(null));
            assertNotNull(b, "a bundle dropped into home/bundles was not started");
            Files.delete(dropped);
            assertNotNull(await(() -> bundle(fw, "org.osgi.util.function").isEmpty() ? Boolean.TRUE : null),
                    "a bundle whose file was removed was not uninstalled");
        }
    }

    private static <T> T await(java.util.function.Supplier<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T v = condition.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        return null;
    }
}
