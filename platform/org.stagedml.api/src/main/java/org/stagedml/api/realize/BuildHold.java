package org.stagedml.api.realize;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the builds that reached a break point ({@link BreakPoints}). Called on the build thread,
 * which then waits until the pause is resolved (by this call or later, from any thread): return
 * quickly and resolve it elsewhere, e.g. when a person says so.
 *
 * @since 0.5
 */
@ConsumerType
@FunctionalInterface
public interface BuildHold {
    void paused(PausedBuild build);
}
