/**
 * Sweeps: many configurations of one stage realized in parallel (within the realizer's slots),
 * ranked by a metric. {@link org.stagedml.api.sweep.SweepSpec} says what to try,
 * {@link org.stagedml.api.sweep.Sweeper} (a service) runs it, {@link org.stagedml.api.sweep.SweepResult}
 * is the ranking.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.stagedml.api.sweep;
