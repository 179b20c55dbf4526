package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results come back in the order read, whatever the workers' timing; a sink can stop it; failures surface. */
class OrderedPipelineTest {
    @Test
    void resultsInReadOrderAndReadingStopsWithTheSink() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Integer> out = new ArrayList<>();
        new OrderedPipeline<Integer, Integer>(3, 7, i -> {
            if (i % 5 == 0) {
                Thread.onSpinWait(); // uneven work
                for (long k = 0; k < 20_000; k++) {
                    Thread.onSpinWait();
                }
            }
            return i * 2;
        }).run(() -> next.get() < 5000 ? next.getAndIncrement() : null, r -> out.add(r));
        assertEquals(5000, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(2 * i, out.get(i));
        }

        next.set(0);
        List<Integer> some = new ArrayList<>();
        new OrderedPipeline<Integer, Integer>(2, 4, i -> i).run(() -> next.getAndIncrement(), r -> some.add(r) && some.size() < 10);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), some);
        assertTrue(next.get() <= 10 + 2 * 2 * 4 + 4, "read ahead at most the batches in flight: " + next.get());
    }

    @Test
    void aWorkersFailureIsThrownToTheCaller() {
        AtomicInteger next = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OrderedPipeline<Integer, Integer>(2, 3, i -> {
            if (i == 17) {
                throw new IllegalStateException("page 17 is bad");
            }
            return i;
        }).run(() -> next.get() < 100 ? next.getAndIncrement() : null, r -> true));
        assertEquals("page 17 is bad", e.getMessage());
    }
}
