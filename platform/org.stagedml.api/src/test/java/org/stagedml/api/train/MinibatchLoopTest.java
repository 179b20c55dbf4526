package org.stagedml.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
