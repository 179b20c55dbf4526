package org.stagedml.api.realize;

import java.util.Set;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;

/**
 * How to realize a closure.
 *
 * @param matcher matcher for the target, overriding its stage's default (null: the default)
 * @param instances build until the target has at least this many realizations (1: as the matcher says)
 * @param forceAll rebuild every derivation of the closure
 * @param force rebuild these derivations (stage names or DRefs as strings; the target's name forces the target)
 * @param dryRun report what would be built, build nothing
 * @param listener receives this job's events besides the RealizeListener services (may be null)
 */
public record RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
        boolean dryRun, RealizeListener listener) {
    public RealizeOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        force = Set.copyOf(force == null ? Set.of() : force);
    }

    public static RealizeOptions defaults() {
        return new RealizeOptions(null, 1, false, Set.of(), false, null);
    }

    public RealizeOptions withMatcher(Matcher m) {
        return new RealizeOptions(m, instances, forceAll, force, dryRun, listener);
    }

    public RealizeOptions withInstances(int n) {
        return new RealizeOptions(matcher, n, forceAll, force, dryRun, listener);
    }

    public RealizeOptions withForce(String... stagesOrDrefs) {
        return new RealizeOptions(matcher, instances, forceAll, Set.of(stagesOrDrefs), dryRun, listener);
    }

    public RealizeOptions withForceAll(boolean all) {
        return new RealizeOptions(matcher, instances, all, force, dryRun, listener);
    }

    public RealizeOptions withDryRun(boolean dry) {
        return new RealizeOptions(matcher, instances, forceAll, force, dry, listener);
    }

    public RealizeOptions withListener(RealizeListener l) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, l);
    }

    /** Whether a derivation is forced by these options. */
    public boolean forces(DRef dref) {
        return forceAll || force.contains(dref.name()) || force.contains(dref.toString());
    }
}
