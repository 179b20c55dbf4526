package org.stagedml.model.convnet.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.stagedml.api.StagedmlException;

/**
 * Prepares the tensors of the next minibatch on a thread of its own while the current step runs,
 * so that the step never waits for pixel conversion. Batches must be taken in order within an
 * epoch (as the minibatch loop does); a request that was not prefetched is prepared on the spot.
 */
final class Prefetcher implements AutoCloseable {
    private final IdxImages data;
    private final int batch;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convnet-prefetch");
        t.setDaemon(true);
        return t;
    });
    private Future<ImageBatch> next;
    private int[] nextOrder;
    private int nextFrom = -1;

    Prefetcher(IdxImages data, int batch) {
        this.data = data;
        this.batch = batch;
    }

    /** The batch {@code order[from..to)}; starts preparing the one after it. The caller closes it. */
    ImageBatch take(int[] order, int from, int to) {
        ImageBatch b = null;
        if (next != null && nextOrder == order && nextFrom == from) {
            b = await(next);
        } else {
            discard();
        }
        next = null;
        if (b == null) {
            b = ImageBatch.of(data, order, from, to);
        }
        if (to < order.length) {
            int nextTo = Math.min(order.length, to + batch);
            // the loop reshuffles the same array in place between epochs, after the last batch: no
            // prefetch crosses that point, so the order read here is the one in use
            nextOrder = order;
            nextFrom = to;
            next = worker.submit(() -> ImageBatch.of(data, order, to, nextTo));
        }
        return b;
    }

    private static ImageBatch await(Future<ImageBatch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagedmlException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            throw new StagedmlException("could not prepare a batch: " + e.getCause(), e.getCause());
        }
    }

    private void discard() {
        if (next != null) {
            try {
                await(next).close();
            } catch (RuntimeException ignored) {
                // an unused batch: nothing to report
            }
            next = null;
        }
    }

    @Override
    public void close() {
        discard();
        worker.shutdownNow();
    }
}
