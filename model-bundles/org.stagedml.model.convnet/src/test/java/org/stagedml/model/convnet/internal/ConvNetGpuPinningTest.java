package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Config;
import org.stagedml.api.Json;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.Rendezvous;
import org.stagedml.testing.TestEngine;

/**
 * Two ConvNet builds granted gpu:0 and gpu:1 by an engine with two (fake) GPUs train at the same time
 * in one process, each graph pinned to its own GPU; on this host without GPUs TensorFlow's soft
 * placement runs both on the CPU, where they compute exactly what a CPU build does.
 */
class ConvNetGpuPinningTest {
    static final TestEngine TWO_GPUS = TestEngine.withGpus(2);

    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void dataset() throws Exception {
        data = shared.resolve("mnist");
        SyntheticImages.generate(480, 10, 11).write(data, "train");
        SyntheticImages.generate(200, 10, 12).write(data, "t10k");
    }

    @Test
    void twoBuildsGrantedDifferentGpusTrainAtOnceEachOnItsOwn(@TempDir Path out) throws Exception {
        Config config = new ConvNetMnistStage(TWO_GPUS).schema().apply("convnet-mnist", ConvNetMnistStageTest.TINY);
        double cpu = build(out.resolve("cpu"), config, "cpu", null);
        Rendezvous bothTraining = new Rendezvous(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Double> gpu0 = pool.submit(() -> build(out.resolve("gpu0"), config, "gpu:0", bothTraining.party()));
            Future<Double> gpu1 = pool.submit(() -> build(out.resolve("gpu1"), config, "gpu:1", bothTraining.party()));
            assertEquals(cpu, gpu0.get(), 0.0, "accuracy of the build on gpu:0");
            assertEquals(cpu, gpu1.get(), 0.0, "accuracy of the build on gpu:1");
        } finally {
            pool.shutdownNow();
        }
    }

    /** One build granted {@code grant}; returns its test accuracy. {@code meet} runs at each cancellation check. */
    private static double build(Path dir, Config config, String grant, Runnable meet) throws Exception {
        Files.createDirectories(dir);
        FolderBuildContext b = new FolderBuildContext(dir, config, Map.of("mnist", data));
        b.devices = List.of(grant);
        if (meet != null) {
            b.cancel = () -> {
                meet.run();
                return false;
            };
        }
        String device = DeviceSessions.device(b, TWO_GPUS);
        assertEquals(grant, device);
        assertEquals(grant, b.notes.get("device"));
        ConvNetTrainer.Result result = ConvNetBuild.run(b, ConvNetSettings.from(config, 0), IdxImages.read(data, "train"),
                IdxImages.read(data, "t10k"), ClassNames.of(data, "fashion"), 1, device, CheckpointSteps.DEFAULT);
        try (LeNetModel net = result.net()) {
            String expected = grant.equals("cpu") ? "" : "/device:GPU:" + grant.substring(4);
            assertEquals(Set.of(expected), net.session.requestedDevices(), "devices the graph's operations request");
        }
        return Json.mapper().readTree(dir.resolve("metrics.json").toFile()).get("accuracy").asDouble();
    }
}
