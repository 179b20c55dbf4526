package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.store.internal.FileStore;
import org.stagedml.testing.RecordingMonitor;

class ConvNetTrainerTest {
    static IdxImages train;
    static IdxImages test;

    @BeforeAll
    static void data() {
        train = SyntheticImages.generate(480, 10, 1);
        test = SyntheticImages.generate(200, 10, 2);
    }

    @Test
    void learnsASyntheticTaskWellAboveChance() {
        RecordingMonitor r = new RecordingMonitor(Integer.MAX_VALUE);
        ConvNetTrainer.Result result = new ConvNetTrainer(SyntheticImages.tinySettings(2), r).train(train, test, 10);
        result.net().close();
        assertEquals(2, result.epochs().size());
        double accuracy = result.last().test().accuracy();
        assertTrue(accuracy > 0.6, "accuracy " + accuracy + " should be well above chance (0.1)");
        assertEquals(2 * 15, r.batches.get(), "480 images in batches of 32, two epochs");
        long epochLines = r.history.stream().filter(h -> h.containsKey("accuracy")).count();
        assertEquals(2, epochLines);
        int[][] confusion = result.last().test().confusion();
        int total = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                total += v;
            }
        }
        assertEquals(test.count(), total);
    }

    @Test
    void theSameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() {
        ConvNetSettings s = SyntheticImages.tinySettings(1);
        EpochResult a = trainAndClose(s);
        EpochResult b = trainAndClose(s);
        assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
        assertEquals(a.test().loss(), b.test().loss(), 0.0);
        assertEquals(a.test().accuracy(), b.test().accuracy(), 0.0);
        for (int i = 0; i < a.test().confusion().length; i++) {
            assertArrayEquals(a.test().confusion()[i], b.test().confusion()[i]);
        }
        EpochResult c = trainAndClose(s.withSeed(s.seed() + 1));
        assertNotEquals(a.trainLoss(), c.trainLoss());
    }

    private static EpochResult trainAndClose(ConvNetSettings s) {
        ConvNetTrainer.Result r = new ConvNetTrainer(s, new RecordingMonitor(Integer.MAX_VALUE)).train(train, test, 10);
        r.net().close();
        return r.last();
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        RecordingMonitor r = new RecordingMonitor(3);
        CancelledException e = assertThrows(CancelledException.class,
                () -> new ConvNetTrainer(SyntheticImages.tinySettings(2), r).train(train, test, 10));
        assertEquals(3, r.batches.get(), "no batch may run once cancelled");
        assertTrue(e.getMessage().contains("batch 3"), e.getMessage());
    }

    @Test
    void aResumedTrainingEndsWithTheSameFiguresAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Resumed r = cancelAndResume(tmp, 15 + 5, 0); // in the middle of the second epoch, checkpoints after epochs
        assertEquals("epoch 1 (step 15)", r.from());
        assertEquals(2 * 15, r.batches(), "only the last two epochs ran again");
    }

    @Test
    void aTrainingResumedInsideAnEpochEndsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        // a checkpoint every 4 steps: the last before the cancel at step 26 is at step 24, batch 9 of epoch 2
        Resumed r = cancelAndResume(tmp, 15 + 11, 4);
        assertEquals("step 24 (epoch 2, batch 9)", r.from());
        assertEquals(45 - 24, r.batches(), "only the batches after the checkpoint ran again");
    }

    /** Where a resumed training went on from, and how many batches it ran. */
    private record Resumed(String from, int batches) {
    }

    /**
     * Three epochs of 15 batches uninterrupted; then cancelled after {@code cancelAfter} batches while
     * checkpointing (every epoch, and every {@code everySteps} steps), and resumed: the figures and the
     * history must be the uninterrupted ones.
     */
    private static Resumed cancelAndResume(Path tmp, int cancelAfter, int everySteps) throws Exception {
        ConvNetSettings s = SyntheticImages.tinySettings(3);
        RecordingMonitor whole = new RecordingMonitor(Integer.MAX_VALUE);
        ConvNetTrainer.Result expected = new ConvNetTrainer(s, whole).train(train, test, 10);
        expected.net().close();

        FileStore store = new FileStore(tmp.resolve("store"));
        Checkpoint area = store.checkpoint(new DRef("0123456789abcdef0123456789abcdef", "convnet-mnist"), 0, null);
        RecordingMonitor killed = new RecordingMonitor(cancelAfter);
        assertThrows(CancelledException.class,
                () -> new ConvNetTrainer(s, killed).withCheckpoint(area, everySteps).train(train, test, 10));
        assertTrue(area.last().isPresent(), "the last checkpoint is kept");

        RecordingMonitor resumed = new RecordingMonitor(Integer.MAX_VALUE);
        ConvNetTrainer again = new ConvNetTrainer(s, resumed).withCheckpoint(area, everySteps);
        ConvNetTrainer.Result actual = again.train(train, test, 10);
        actual.net().close();
        assertSameFigures(expected, whole, actual, resumed);
        return new Resumed(again.resumedFrom(), resumed.batches.get());
    }

    private static void assertSameFigures(ConvNetTrainer.Result expected, RecordingMonitor whole, ConvNetTrainer.Result actual,
            RecordingMonitor resumed) throws Exception {
        assertEquals(3, actual.epochs().size());
        for (int i = 0; i < 3; i++) {
            EpochResult a = expected.epochs().get(i);
            EpochResult b = actual.epochs().get(i);
            assertEquals(a.step(), b.step(), "step of epoch " + (i + 1));
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + (i + 1));
            assertEquals(a.test().loss(), b.test().loss(), 0.0, "test loss of epoch " + (i + 1));
            assertEquals(a.test().accuracy(), b.test().accuracy(), 0.0, "accuracy of epoch " + (i + 1));
        }
        assertEquals(withoutSeconds(whole.history), withoutSeconds(resumed.history), "history.jsonl as uninterrupted");
    }

    /** History records as history.jsonl holds them, without the times. */
    private static List<String> withoutSeconds(List<Map<String, ?>> history) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map<String, ?> h : history) {
            Map<String, Object> m = new java.util.TreeMap<>(h);
            m.remove("seconds");
            out.add(org.stagedml.api.Json.mapper().writeValueAsString(m));
        }
        return out;
    }
}
