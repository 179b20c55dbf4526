package org.stagedml.api.realize;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives realize events. Register it as a service (whiteboard) to observe every job, or pass it
 * in {@link RealizeOptions} for one job. Called on build threads: return quickly, never throw.
 */
@ConsumerType
@FunctionalInterface
public interface RealizeListener {
    void onEvent(RealizeEvent event);
}
