package org.stagedml.api.execute;

import org.osgi.annotation.versioning.ConsumerType;

/** A build handed to a {@link BuildExecutor}: its id there, its end, its cancel. */
@ConsumerType
public interface RemoteBuild {
    /** The executor's id of the build (a Slurm job id ...). */
    String id();

    /**
     * Waits for the end of the build. Returns when it succeeded (its realizations are then in the
     * store); throws a {@link org.stagedml.api.BuildFailedException} (with the kept log) when it
     * failed, a {@link org.stagedml.api.CancelledException} when it was cancelled or killed.
     */
    void await() throws InterruptedException;

    /** Cancels the build and waits (a bounded time) until it has ended; idempotent. */
    void cancel();
}
