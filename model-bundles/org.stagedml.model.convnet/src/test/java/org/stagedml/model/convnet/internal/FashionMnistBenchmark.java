package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stagedml.engine.dl4j.training.TrainingMonitor;

/**
 * Times convnet-mnist's training on the full Fashion-MNIST from the Debian package
 * dataset-fashion-mnist (read gzipped, as installed) and prints a table per epoch.
 * {@code mvn -B -P benchmarks test}; {@code -Dconvnet.epochs=N} (default: the stage's default),
 * {@code -Dconvnet.train=N} to time on the first N training images only.
 */
@Tag("benchmark")
class FashionMnistBenchmark {
    static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void epochsOnFashionMnist() throws Exception {
        assumeTrue(Files.isRegularFile(DATA.resolve("train-images-idx3-ubyte.gz")),
                "SKIPPED: " + DATA + " is absent; install the Debian package dataset-fashion-mnist");
        ConvNetSettings defaults = ConvNetSettings.defaults();
        ConvNetSettings s = defaults.withEpochs(Integer.getInteger("convnet.epochs", defaults.epochs()));
        long t0 = System.nanoTime();
        IdxImages train = IdxImages.read(DATA, "train").head(Integer.getInteger("convnet.train", Integer.MAX_VALUE));
        IdxImages test = IdxImages.read(DATA, "t10k");
        double load = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%nconvnet-mnist on Fashion-MNIST: %d train / %d test images, %s, %d cores, data read in %.1f s%n",
                train.count(), test.count(), s, Runtime.getRuntime().availableProcessors(), load);
        java.util.List<Double> cpuPerEpoch = new java.util.ArrayList<>();
        long[] cpuMark = {cpuNanos()};
        ConvNetTrainer.Result r = new ConvNetTrainer(s, new TrainingMonitor() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progress(double fraction, String message) {
                if (message.contains("batch ") && message.matches(".*batch \\d*00/.*")) {
                    System.out.printf("  %s (%.1f%%, %.0f s since start)%n", message, 100 * fraction, (System.nanoTime() - t0) / 1e9);
                }
            }

            @Override
            public void history(Map<String, ?> record) {
            }

            @Override
            public void log(String line) {
                if (line.startsWith("epoch ")) {
                    long now = cpuNanos();
                    cpuPerEpoch.add((now - cpuMark[0]) / 1e9);
                    cpuMark[0] = now;
                }
                System.out.println("  " + line);
            }
        }).train(train, test, 10);
        System.out.println();
        System.out.println("| epoch | seconds (wall, training) | images/s | process CPU s (train+eval) | train loss | test loss | test accuracy |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (EpochResult e : r.epochs()) {
            System.out.printf("| %d | %.1f | %.0f | %.0f | %.4f | %.4f | %.4f |%n", e.epoch(), e.seconds(), e.imagesPerSecond(),
                    cpuPerEpoch.get(e.epoch() - 1), e.trainLoss(), e.test().loss(), e.test().accuracy());
        }
        System.out.printf("total training %.1f s, %.1f s per epoch, best accuracy %.4f%n",
                r.trainSeconds(), r.trainSeconds() / r.epochs().size(), r.bestAccuracy());
    }
}
