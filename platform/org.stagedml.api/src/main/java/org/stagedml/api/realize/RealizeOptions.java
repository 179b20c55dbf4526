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
 * @param root name of a GC root that a successful realize points at the target derivation before
 *        it lets go of what it holds, so that no gc can come in between (null: none); like
 *        {@code nix-build --out-link}
 */
public record RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
        boolean dryRun, RealizeListener listener, String root) {
    public RealizeOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        force = Set.copyOf(force == null ? Set.of() : force);
        if (root != null && root.isBlank()) {
            throw new IllegalArgumentException("a GC root name must not be blank");
        }
    }

    /** Options without a root (as in version 0.1 of this package). */
    public RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
            boolean dryRun, RealizeListener listener) {
        this(matcher, instances, forceAll, force, dryRun, listener, null);
    }

    public static RealizeOptions defaults() {
        return new RealizeOptions(null, 1, false, Set.of(), false, null, null);
    }

    public RealizeOptions withMatcher(Matcher m) {
        return new RealizeOptions(m, instances, forceAll, force, dryRun, listener, root);
    }

    public RealizeOptions withInstances(int n) {
        return new RealizeOptions(matcher, n, forceAll, force, dryRun, listener, root);
    }

    public RealizeOptions withForce(String... stagesOrDrefs) {
        return new RealizeOptions(matcher, instances, forceAll, Set.of(stagesOrDrefs), dryRun, listener, root);
    }

    public RealizeOptions withForceAll(boolean all) {
        return new RealizeOptions(matcher, instances, all, force, dryRun, listener, root);
    }

    public RealizeOptions withDryRun(boolean dry) {
        return new RealizeOptions(matcher, instances, forceAll, force, dry, listener, root);
    }

    public RealizeOptions withListener(RealizeListener l) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, l, root);
    }

    /** Points the GC root of that name at the target when the realize succeeds (null: no root). */
    public RealizeOptions withRoot(String name) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, name);
    }

    /** Whether a derivation is forced by these options. */
    public boolean forces(DRef dref) {
        return forceAll || force.contains(dref.name()) || force.contains(dref.toString());
    }
}
