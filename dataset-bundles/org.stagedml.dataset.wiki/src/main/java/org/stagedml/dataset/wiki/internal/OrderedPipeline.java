package org.stagedml.dataset.wiki.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps items read by the calling thread on worker threads, handing the results back in the order read:
 * the output is the same as a sequential loop's, and reading (bzip2, XML) overlaps with the work
 * (markup, sentences). At most {@code 2 x workers} batches are in flight, so memory stays bounded.
 *
 * @param <I> what is read
 * @param <O> what the work makes of it
 */
final class OrderedPipeline<I, O> {
    /** Where items come from: the next one, or null at the end. */
    interface Source<I> {
        I next() throws Exception;
    }

    /** Where results go, in order: false stops the pipeline (nothing more is read or handed on). */
    interface Sink<O> {
        boolean accept(O result) throws Exception;
    }

    private final int workers;
    private final int batch;
    private final Function<I, O> work;

    OrderedPipeline(int workers, int batch, Function<I, O> work) {
        this.workers = workers;
        this.batch = batch;
        this.work = work;
    }

    void run(Source<I> source, Sink<O> sink) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "wikitext-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<List<O>>> inFlight = new ArrayDeque<>();
            boolean more = true;
            while (true) {
                while (more && inFlight.size() < 2 * workers) {
                    List<I> items = new ArrayList<>(batch);
                    for (I item; items.size() < batch && (item = source.next()) != null; ) {
                        items.add(item);
                    }
                    more = items.size() == batch;
                    if (!items.isEmpty()) {
                        inFlight.add(pool.submit(() -> items.stream().map(work).toList()));
                    }
                }
                Future<List<O>> next = inFlight.poll();
                if (next == null) {
                    return;
                }
                for (O result : get(next)) {
                    if (!sink.accept(result)) {
                        return;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
