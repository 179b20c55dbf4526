package org.stagedml.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.model.examples.internal.GpuStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.realizer.internal.RealizerSettings;

/**
 * GPU slots with an engine that reports fake GPUs: builds share them two at a time on distinct
 * devices while CPU-only builds proceed; discovery is lazy; a preferring stage runs on CPU without
 * GPUs, a requiring one is refused before anything builds; a configuration change never cancels a
 * running build.
 */
class GpuSchedulingTest {
    @TempDir
    Path dir;

    private static final RealizerSettings DISCOVER = new RealizerSettings(4, RealizerSettings.DISCOVER);

    /** {@code granted.txt} and {@code times.txt} of a realization of example-gpu. */
    record Span(String device, long start, long end) {
        boolean overlaps(Span o) {
            return start < o.end && o.start < end;
        }
    }

    private static Span span(RealizeFixture f, RRef r) throws IOException {
        String[] t = Files.readString(f.file(r, "times.txt")).trim().split(" ");
        return new Span(Files.readString(f.file(r, "granted.txt")).trim(), Long.parseLong(t[0]), Long.parseLong(t[1]));
    }

    @Test
    void threeBuildsShareTwoFakeGpusTwoAtATimeOnDistinctDevicesWhileCpuBuildsProceed() throws Exception {
        try (RealizeFixture f = new RealizeFixture(dir, DISCOVER, TestEngine.withGpus(2))) {
            f.add(new GpuStage(), new SleepStage());
            f.realize("example-sleep", Map.of("seconds", 0, "tag", "warm-up")); // class loading out of the way
            CompletableFuture<List<RRef>> gpu = CompletableFuture.supplyAsync(() -> realize(f, "example-gpu",
                    Map.of("seconds", 1.5), RealizeOptions.defaults().withInstances(3)));
            Thread.sleep(300); // the GPU builds hold both GPUs now, the third waits
            f.realize("example-sleep", Map.of("seconds", 0.1));
            long cpuEnd = System.currentTimeMillis();
            gpu.get();
            List<Span> spans = new ArrayList<>();
            for (RRef r : f.store().realizationsOf("example-gpu").stream().map(i -> i.rref()).toList()) {
                spans.add(span(f, r));
            }
            assertEquals(3, spans.size());
            int peak = 0;
            for (Span s : spans) {
                assertTrue(s.device().matches("gpu:[01]"), "granted " + s.device());
                int at = (int) spans.stream().filter(o -> o.start() <= s.start() && s.start() < o.end()).count();
                peak = Math.max(peak, at);
                for (Span o : spans) {
                    if (o != s && o.overlaps(s)) {
                        assertNotEquals(o.device(), s.device(), "two builds on one GPU at once: " + spans);
                    }
                }
            }
            assertEquals(2, peak, "two GPU builds at once on two GPUs: " + spans);
            long lastGpuEnd = spans.stream().mapToLong(Span::end).max().orElseThrow();
            assertTrue(cpuEnd < lastGpuEnd, "the CPU-only build waited for the GPU builds: " + spans);
        }
    }

    @Test
    void gpusAreDiscoveredOnlyWhenABuildWantsOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        TestEngine engine = new TestEngine("Counting", "gpu", () -> {
            asked.incrementAndGet();
            return List.of("/device:GPU:0");
        });
        try (RealizeFixture f = new RealizeFixture(dir, DISCOVER, engine)) {
            f.add(new GpuStage(), new SleepStage());
            f.realize("example-sleep", Map.of("seconds", 0));
            assertEquals(0, asked.get(), "a CPU-only build made the engines list their GPUs");
            RRef r = f.realize("example-gpu", Map.of("seconds", 0));
            assertEquals("gpu:0", span(f, r).device());
            f.realize("example-gpu", Map.of("seconds", 0, "tag", "again"));
            assertEquals(1, asked.get(), "GPUs are discovered once");
            assertEquals("gpu:0", f.notes(r).get("devices"), "the realization records its device");
        }
    }

    @Test
    void withoutGpusAPreferringStageRunsOnCpuAndARequiringOneIsRefusedBeforeBuilding() throws Exception {
        try (RealizeFixture f = new RealizeFixture(dir, DISCOVER, TestEngine.withGpus(0))) {
            f.add(new GpuStage());
            assertEquals("cpu", span(f, f.realize("example-gpu", Map.of("seconds", 0))).device());
            StagedmlException e = assertThrows(StagedmlException.class,
                    () -> f.realize("example-gpu", Map.of("seconds", 0, "require", true, "tag", "needs")));
            assertTrue(e.getMessage().contains("needs 1 GPU") && e.getMessage().contains("gpus=N"), e.getMessage());
            assertEquals(1, f.store().realizationsOf("example-gpu").size(), "nothing more was built");
            assertEquals(List.of(), f.leftovers());
        }
    }

    @Test
    void aConfigurationChangeNeverCancelsARunningBuild() throws Exception {
        try (RealizeFixture f = new RealizeFixture(dir, new RealizerSettings(2, 1))) {
            f.add(new GpuStage());
            CompletableFuture<RRef> running = CompletableFuture.supplyAsync(() -> realize(f, "example-gpu",
                    Map.of("seconds", 0.8), RealizeOptions.defaults()).get(0));
            Thread.sleep(300);
            f.realizer().reconfigure(new RealizerSettings(1, 0)); // no GPU from now on
            assertEquals("gpu:0", span(f, running.get()).device(), "the running build kept its GPU and finished");
            assertEquals("cpu", span(f, f.realize("example-gpu", Map.of("seconds", 0, "tag", "after"))).device());
        }
    }

    private static List<RRef> realize(RealizeFixture f, String stage, Map<String, ?> overrides, RealizeOptions o) {
        try {
            return f.realize(stage, overrides, o);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
