package org.stagedml.api.store;

import java.nio.file.Path;
import java.time.Instant;
import org.stagedml.api.DRef;

/**
 * A checkpoint kept for a build that has not committed (see {@link Store#checkpoint}).
 *
 * @param dref the derivation whose build saved it
 * @param instance the instance of that build
 * @param saved when it was saved
 * @param bytes its size
 * @param folder its files (for people; a stage reads it through its build context)
 * @since 0.6
 */
public record CheckpointInfo(DRef dref, int instance, Instant saved, long bytes, Path folder) {
}
