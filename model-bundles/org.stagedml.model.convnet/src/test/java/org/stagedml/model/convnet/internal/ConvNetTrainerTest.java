package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stagedml.api.CancelledException;
import org.stagedml.api.train.TrainingMonitor;

class ConvNetTrainerTest {
    static IdxImages train;
    static IdxImages test;

    @BeforeAll
    static void data() {
        train = SyntheticImages.generate(480, 10, 1);
        test = SyntheticImages.generate(200, 10, 2);
    }

    /** Collects what the trainer reports; cancels once a given number of batches have run. */
    static final class Recorder implements TrainingMonitor {
        final List<Map<String, ?>> history = new ArrayList<>();
        final AtomicInteger batches = new AtomicInteger();
        final int cancelAfter;

        Recorder(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public boolean cancelled() {
            return batches.get() >= cancelAfter;
        }

        @Override
        public void progress(double fraction, String message) {
            batches.incrementAndGet();
        }

        @Override
        public void history(Map<String, ?> record) {
            history.add(record);
        }

        @Override
        public void log(String line) {
        }
    }

    @Test
    void learnsASyntheticTaskWellAboveChance() {
        Recorder r = new Recorder(Integer.MAX_VALUE);
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
        ConvNetTrainer.Result r = new ConvNetTrainer(s, new Recorder(Integer.MAX_VALUE)).train(train, test, 10);
        r.net().close();
        return r.last();
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        Recorder r = new Recorder(3);
        CancelledException e = assertThrows(CancelledException.class,
                () -> new ConvNetTrainer(SyntheticImages.tinySettings(2), r).train(train, test, 10));
        assertEquals(3, r.batches.get(), "no batch may run once cancelled");
        assertTrue(e.getMessage().contains("batch 3"), e.getMessage());
    }
}
