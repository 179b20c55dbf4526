package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stagedml.api.CancelledException;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.runtime.StagedML;

/**
 * A stage bundle uninstalled mid-build, in a real Felix (the embedded runtime on the
 * distribution's bundles): the build is cancelled, tmp/ is left empty, nothing is committed,
 * the lock is released (the same derivation realizes once the bundle is back).
 */
class UninstallMidBuildIT {
    /** Not needed here and slow to unpack: the engines and the stages that need them. */
    private static final Set<String> LEFT_OUT = Set.of("org.stagedml.model.examples.jar", "org.stagedml.engine.dl4j.jar",
            "org.stagedml.engine.tensorflow.jar", "org.stagedml.dataset.bert.jar", "org.stagedml.dataset.glue.jar",
            "org.stagedml.dataset.mnist.jar", "org.apache.felix.gogo.jline.jar", "jline.jar");

    @Test
    void uninstallingTheStageBundleCancelsItsBuildCleanly() throws Exception {
        Path home = Support.newHome("uninstall");
        Path platform = Files.createDirectories(home.resolveSibling(home.getFileName() + "-bundle"));
        try (Stream<Path> s = Files.list(Support.dist().resolve("bundle"))) {
            for (Path jar : s.toList()) {
                if (!LEFT_OUT.contains(jar.getFileName().toString())) {
                    Files.createSymbolicLink(platform.resolve(jar.getFileName()), jar);
                }
            }
        }
        Path hot = Files.createDirectories(home.resolve("bundles"));
        Path examples = Support.dist().resolve("bundle/org.stagedml.model.examples.jar");
        Path dropped = hot.resolve("org.stagedml.model.examples.jar");
        Files.copy(examples, dropped);
        Map<String, Object> config = Map.of("seconds", 6, "tag", "uninstall");
        try (StagedML sml = StagedML.builder().platformBundles(platform).home(home)
                .cache(home.resolveSibling(home.getFileName() + "-cache")).start()) {
            awaitStage(sml, "example-sleep", true);
            RealizeJob job = sml.submit("example-sleep", config, RealizeOptions.defaults());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!SigkillIT.hasBuildInProgress(home) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(SigkillIT.hasBuildInProgress(home), "the build did not start");
            long t0 = System.nanoTime();
            Files.delete(dropped); // file install uninstalls the bundle
            CompletableFuture<List<RRef>> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return job.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> result.get(30, TimeUnit.SECONDS), "the build went on after its bundle was uninstalled");
            double cancelSeconds = (System.nanoTime() - t0) / 1e9;
            assertInstanceOf(CancelledException.class, failed.getCause(), String.valueOf(failed.getCause()));
            Thread.sleep(200);
            assertEquals(List.of(), Support.tmpEntries(home).stream().filter(Files::isDirectory).toList(), "tmp/ not empty");
            assertTrue(sml.store().realizationsOf("example-sleep").isEmpty(), "a cancelled build committed");
            assertTrue(sml.store().verify(List.of()).ok());
            awaitStage(sml, "example-sleep", false);

            // the bundle comes back: the same derivation builds, so its lock was released
            Files.copy(examples, dropped);
            awaitStage(sml, "example-sleep", true);
            CompletableFuture<List<RRef>> again = CompletableFuture.supplyAsync(() -> {
                try {
                    return sml.realize("example-sleep", config);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<RRef> rrefs = again.get(60, TimeUnit.SECONDS);
            assertEquals(1, rrefs.size());
            assertTrue(sml.store().verify(rrefs).ok());
            System.out.printf("RELIABILITY uninstall-mid-build: %s after %.1f s, tmp empty, nothing committed, "
                    + "rebuilt after reinstall%n", failed.getCause().getClass().getSimpleName(), cancelSeconds);
        }
    }

    private static void awaitStage(StagedML sml, String name, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sml.realizer().stage(name).isPresent() != present && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(present, sml.realizer().stage(name).isPresent(), "stage " + name + (present ? " never came" : " never went"));
    }
}
