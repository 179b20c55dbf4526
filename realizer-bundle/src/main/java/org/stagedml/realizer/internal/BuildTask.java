package org.stagedml.realizer.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The build of one derivation inside a job, as seen by whoever may cancel it: the job (cancel),
 * or the realizer when the stage's service goes away. Cancelling sets a reason that the build
 * context reports through {@code cancelled()} and interrupts the threads running it (one, or one
 * per instance when several instances build in parallel).
 */
final class BuildTask {
    private final RegisteredStage stage;
    private final Set<Thread> threads = new HashSet<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String cancelReason;
    private volatile boolean failureReported;

    BuildTask(RegisteredStage stage) {
        this.stage = stage;
    }

    RegisteredStage stage() {
        return stage;
    }

    /** Whether a FAILED event was already sent for this task. */
    boolean failureReported() {
        return failureReported;
    }

    void failureReported(boolean reported) {
        failureReported = reported;
    }

    /** Called by a thread that starts working for the task. */
    synchronized void attach() {
        threads.add(Thread.currentThread());
        if (cancelReason != null) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by that thread when it stops; clears an interrupt meant for this task only. */
    synchronized void detachThread() {
        threads.remove(Thread.currentThread());
        Thread.interrupted();
    }

    /** Called by the task's main thread at the very end. */
    void detach() {
        detachThread();
        finished.countDown();
    }

    /** Waits until the task has ended (its tmp folders removed, its lock released). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Clears an interrupt so that cleanup I/O (closing channels, deleting tmp) is not disturbed. */
    synchronized void clearInterrupt() {
        Thread.interrupted();
    }

    synchronized void cancel(String reason) {
        if (cancelReason != null) {
            return; // interrupt once: a second interrupt could disturb the cleanup
        }
        cancelReason = reason;
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    boolean cancelled() {
        return cancelReason != null;
    }

    String cancelReason() {
        return cancelReason;
    }
}
