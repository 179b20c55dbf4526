package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.testing.RecordingMonitor;

/**
 * A training killed inside its second epoch resumes from its last step checkpoint and ends exactly
 * as the uninterrupted one; a model granted a GPU pins its whole graph there (and on this host
 * without GPUs computes on the CPU with the CPU's figures).
 */
class ResumeAndDevicesTest {
    @TempDir
    Path tmp;

    static final TransformerSettings SETTINGS = new TransformerSettings(TransformerSize.TINY, 2, 160, 12, 1.0, 50, 0.1, 0.1, 1, 0.6, 4);

    static TransformerTrainer.Data data() {
        List<int[][]> dev = CopyReverse.pairs(10, 3, 6, 9);
        List<String> refs = new ArrayList<>();
        dev.forEach(p -> refs.add(CopyReverse.text(p[1])));
        return new TransformerTrainer.Data(CopyReverse.pairs(400, 3, 6, 8), dev, refs, CopyReverse::text, CopyReverse.VOCAB);
    }

    @Test
    void resumesInsideAnEpochAndEndsAsTheUninterruptedRun() throws Exception {
        TransformerTrainer.Result whole = new TransformerTrainer(SETTINGS, CopyReverseTest.quiet(), data(), 2, DeviceSessions.CPU).train();
        whole.model().close();

        FolderCheckpoint area = new FolderCheckpoint(tmp.resolve("checkpoints"));
        TrainingMonitor killedAt27 = new RecordingMonitor(27);
        TransformerTrainer first = new TransformerTrainer(SETTINGS, killedAt27, data(), 2, DeviceSessions.CPU).withCheckpoint(area, 5);
        assertEquals(20, first.batchesPerEpoch());
        assertThrows(CancelledException.class, first::train);

        TransformerTrainer second = new TransformerTrainer(SETTINGS, CopyReverseTest.quiet(), data(), 2, DeviceSessions.CPU)
                .withCheckpoint(area, 5);
        TransformerTrainer.Result resumed = second.train();
        resumed.model().close();
        assertEquals("step 25 (epoch 2, batch 5)", second.resumedFrom());
        assertEquals(whole.epochs(), resumed.epochs().stream().map(e -> withSeconds(e, whole.epochs().get(e.epoch() - 1))).toList());
        assertEquals(whole.devPredictions(), resumed.devPredictions());
    }

    /** The epoch with another's timings (the only figures a resume may change). */
    private static TransformerTrainer.Epoch withSeconds(TransformerTrainer.Epoch e, TransformerTrainer.Epoch timing) {
        return new TransformerTrainer.Epoch(e.epoch(), e.step(), e.trainLoss(), e.devLoss(), e.bleu(), e.bleuUncased(),
                timing.seconds(), timing.decodeSeconds());
    }

    @Test
    void aGpuGrantPinsTheWholeGraphAndComputesAsTheCpu() {
        PairBatch b = PairBatch.of(CopyReverse.pairs(16, 3, 6, 3));
        try (TransformerModel cpu = TransformerModel.create(TransformerSize.TINY, CopyReverse.VOCAB, 0.1, 2, 1, DeviceSessions.CPU);
                TransformerModel gpu = TransformerModel.create(TransformerSize.TINY, CopyReverse.VOCAB, 0.1, 2, 1, "gpu:1")) {
            assertEquals(Set.of(""), cpu.requestedDevices());
            assertEquals(Set.of("/device:GPU:1"), gpu.requestedDevices());
            assertEquals(cpu.step(b, 1e-3, 1, 0.1, 5), gpu.step(b, 1e-3, 1, 0.1, 5), 1e-5);
            assertEquals(cpu.loss(b), gpu.loss(b), 1e-5);
        }
    }

    /** A checkpoint area in a folder: the last save wins (the store's own area also seals and checks them). */
    static final class FolderCheckpoint implements Checkpoint {
        private final Path root;
        private int saves;

        FolderCheckpoint(Path root) {
            this.root = root;
        }

        @Override
        public Optional<Path> last() throws IOException {
            Path last = root.resolve("last");
            return Files.isDirectory(last) ? Optional.of(last) : Optional.empty();
        }

        @Override
        public Path save(Writer writer) throws IOException {
            Path fresh = Files.createDirectories(root.resolve("save-" + ++saves));
            writer.write(fresh);
            Path last = root.resolve("last");
            if (Files.isDirectory(last)) {
                try (var files = Files.list(last)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(last);
            }
            return Files.move(fresh, last);
        }

        @Override
        public void clear() {
        }
    }
}
