package org.stagedml.testing;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets concurrent trainings in a test meet once, to prove they run at the same time: each party's
 * first call waits until every party has made its first call (a build's first cancellation check,
 * say, which comes after its graph and session exist); later calls return at once.
 */
public final class Rendezvous {
    private final CyclicBarrier barrier;

    public Rendezvous(int parties) {
        this.barrier = new CyclicBarrier(parties);
    }

    /** The hook for one party; waits at most five minutes for the others, then fails the party. */
    public Runnable party() {
        AtomicBoolean met = new AtomicBoolean();
        return () -> {
            if (met.compareAndSet(false, true)) {
                try {
                    barrier.await(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new AssertionError("the other trainings never got as far as this one", e);
                }
            }
        };
    }
}
