package org.stagedml.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

class MinibatchLoopTest {
    /** Records what the loop reports; cancels once {@code cancelAfter} progress reports were made. */
    static final class Recorder implements TrainingMonitor {
        final List<Double> progress = new ArrayList<>();
        final List<Map<String, ?>> history = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public boolean cancelled() {
            return progress.size() >= cancelAfter;
        }

        @Override
        public void progress(double fraction, String message) {
            progress.add(fraction);
        }

        @Override
        public void history(Map<String, ?> record) {
            history.add(record);
        }

        @Override
        public void log(String line) {
        }
    }

    /** The example order of every step of two epochs. */
    static List<Integer> orders(long seed) {
        List<Integer> seen = new ArrayList<>();
        MinibatchLoop loop = new MinibatchLoop("t", 10, 3, 2, seed, 0.1, new Recorder(Integer.MAX_VALUE));
        for (int e = 1; e <= 2; e++) {
            loop.epoch(e, (order, from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.add(order[i]);
                }
                return 1.0;
            });
        }
        return seen;
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInAnOrderThatDependsOnlyOnTheSeed() {
        List<Integer> a = orders(7);
        assertEquals(a, orders(7));
        assertNotEquals(a, orders(8));
        int[] first = a.subList(0, 10).stream().mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, first);
        assertNotEquals(a.subList(0, 10), a.subList(10, 20), "a fresh shuffle per epoch");
    }

    @Test
    void reportsProgressMeanLossesAndStepCount() {
        Recorder r = new Recorder(Integer.MAX_VALUE);
        MinibatchLoop loop = new MinibatchLoop("t", 100, 1, 1, 1, 0.1, r);
        double mean = loop.epoch(1, (order, from, to) -> order[from]);
        assertEquals(49.5, mean, 1e-9);
        assertEquals(100, loop.step());
        assertEquals(100, r.progress.size());
        assertEquals(1.0, r.progress.get(99), 1e-9);
        assertEquals(100 / MinibatchLoop.HISTORY_EVERY, r.history.size());
        assertTrue(r.history.get(0).containsKey("loss"));
    }

    @Test
    void stopsWhenCancelledAndOnADivergedLoss() {
        MinibatchLoop cancelled = new MinibatchLoop("t", 10, 1, 1, 1, 0.1, new Recorder(3));
        assertThrows(CancelledException.class, () -> cancelled.epoch(1, (order, from, to) -> 0.5));
        assertEquals(3, cancelled.step());
        MinibatchLoop diverged = new MinibatchLoop("t", 10, 1, 1, 1, 0.25, new Recorder(Integer.MAX_VALUE));
        StagedmlException e = assertThrows(StagedmlException.class, () -> diverged.epoch(1, (order, from, to) -> Double.NaN));
        assertTrue(e.getMessage().contains("lower lr (now 0.25)"), e.getMessage());
    }

    /** Runs epochs {@code from..4} of a 37-example, batch-2 loop; records the examples fitted, the epoch means and the history. */
    static double[] run(MinibatchLoop loop, int from, List<Integer> seen) {
        double[] means = new double[5];
        for (int e = from; e <= 4; e++) {
            means[e] = loop.epoch(e, (order, f, t) -> {
                double loss = 0;
                for (int i = f; i < t; i++) {
                    seen.add(order[i]);
                    loss += order[i] / 7.0;
                }
                return loss;
            });
        }
        return means;
    }

    @Test
    void aLoopResumedInsideAnEpochFitsWhatTheUninterruptedOneWouldHave(@TempDir Path tmp) throws Exception {
        Recorder whole = new Recorder(Integer.MAX_VALUE);
        List<Integer> expected = new ArrayList<>();
        double[] expectedMeans = run(new MinibatchLoop("t", 37, 2, 4, 5, 0.1, whole), 1, expected);
        assertEquals(4 * 37, expected.size(), "19 batches per epoch, the last of one example");

        List<MinibatchLoop.Position> saved = new ArrayList<>();
        MinibatchLoop killed = new MinibatchLoop("t", 37, 2, 4, 5, 0.1, new Recorder(45)).checkpointEvery(7, saved::add);
        assertThrows(CancelledException.class, () -> run(killed, 1, new ArrayList<>()));
        // every 7th step but the epochs' last (19, 38: the model checkpoints those after evaluating)
        assertEquals(List.of(7L, 14L, 21L, 28L, 35L, 42L), saved.stream().map(MinibatchLoop.Position::step).toList());
        MinibatchLoop.Position at = saved.get(saved.size() - 1);
        assertEquals("step 42 (epoch 3, batch 4)", at.where());
        new EpochCheckpoint<>(at, List.of(), List.of()).write(tmp); // through the JSON a checkpoint holds
        MinibatchLoop.Position read = EpochCheckpoint.read(tmp, Object.class).position();
        assertEquals(at, read);

        Recorder resumed = new Recorder(Integer.MAX_VALUE);
        MinibatchLoop again = new MinibatchLoop("t", 37, 2, 4, 5, 0.1, resumed);
        again.resume(read);
        List<Integer> rest = new ArrayList<>();
        double[] means = run(again, 3, rest);
        int fitted = 2 * 37 + 4 * 2; // two epochs, then 4 batches of the third
        assertEquals(expected.subList(fitted, expected.size()), rest, "the same examples in the same order");
        assertEquals(expectedMeans[3], means[3], 0.0, "the epoch in progress has the same mean loss");
        assertEquals(expectedMeans[4], means[4], 0.0);
        assertEquals(76, again.step());
        List<Map<String, ?>> after = whole.history.stream()
                .filter(h -> ((Number) h.get("step")).longValue() > 42).toList();
        assertEquals(after, resumed.history, "the history window carried across the resume");
        assertEquals(1, after.size(), "one record at step 50, summed over steps 1..50");
        assertThrows(IllegalArgumentException.class,
                () -> new MinibatchLoop("t", 37, 2, 4, 5, 0.1, resumed).resume(new MinibatchLoop.Position(1, 19, 0, 0, 19, 0)));
    }
}
