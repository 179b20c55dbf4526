package org.stagedml.api.realize;

import java.time.Instant;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/**
 * One thing that happened in a realize job.
 *
 * @param job the job id
 * @param type what happened
 * @param dref the derivation concerned
 * @param rref the realization (FINISHED, CACHED), else null
 * @param fraction progress in [0,1] (PROGRESS), else -1
 * @param message a progress message, a log line, or an error, else ""
 * @param time when
 */
public record RealizeEvent(long job, Type type, DRef dref, RRef rref, double fraction, String message,
        Instant time) {

    public enum Type {
        /** A build started. */
        STARTED,
        /** A build reported progress. */
        PROGRESS,
        /** A build wrote a log line. */
        LOG,
        /** A build committed a realization. */
        FINISHED,
        /** A build failed (message says why) or was cancelled. */
        FAILED,
        /** A derivation was served from the store without building. */
        CACHED
    }
}
