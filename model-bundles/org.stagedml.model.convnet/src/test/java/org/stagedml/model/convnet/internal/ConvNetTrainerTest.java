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
        ConvNetSettings s = SyntheticImages.tinySettings(3);
        RecordingMonitor whole = new RecordingMonitor(Integer.MAX_VALUE);
        ConvNetTrainer.Result expected = new ConvNetTrainer(s, whole).train(train, test, 10);
        expected.net().close();

        FileStore store = new FileStore(tmp.resolve("store"));
        Checkpoint area = store.checkpoint(new DRef("0123456789abcdef0123456789abcdef", "convnet-mnist"), 0, null);
        RecordingMonitor killed = new RecordingMonitor(15 + 5); // in the middle of the second epoch
        assertThrows(CancelledException.class, () -> new ConvNetTrainer(s, killed).withCheckpoint(area).train(train, test, 10));
        assertTrue(area.last().isPresent(), "the first epoch's checkpoint is kept");

        RecordingMonitor resumed = new RecordingMonitor(Integer.MAX_VALUE);
        ConvNetTrainer again = new ConvNetTrainer(s, resumed).withCheckpoint(area);
        ConvNetTrainer.Result actual = again.train(train, test, 10);
        actual.net().close();
        assertEquals("epoch 1 (step 15)", again.resumedFrom());
        assertEquals(2 * 15, resumed.batches.get(), "only the last two epochs ran again");
        assertEquals(3, actual.epochs().size());
        for (int i = 0; i < 3; i++) {
            EpochResult a = expected.epochs().get(i);
            EpochResult b = actual.epochs().get(i);
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
