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
 * @param lastRoot point the root {@code last-<stage of the target>} ({@link #lastRootName}) at the target
 *        instead (the shell's policy, like nix-build's {@code ./result}); {@code root} is then null
 * @param keepFailed a failed build's output folder is kept aside (outside the store) with its
 *        config, dependency paths and log, like {@code nix-build --keep-failed} (see
 *        {@code Store.keepFailedBuild}); since 0.5
 * @param breaks where builds pause for a person to look inside (never null); since 0.5
 * @param executor the name of the executor that runs the builds ({@code org.stagedml.api.execute});
 *        null: the realizer's configured one (local threads unless configured); since 0.6
 * @param fresh builds that run start from zero: their checkpoints ({@code BuildContext.checkpoint()})
 *        are deleted first instead of resumed from; since 0.6
 */
public record RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
        boolean dryRun, RealizeListener listener, String root, boolean lastRoot, boolean keepFailed,
        BreakPoints breaks, String executor, boolean fresh) {
    public RealizeOptions {
        breaks = breaks == null ? BreakPoints.none() : breaks;
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        force = Set.copyOf(force == null ? Set.of() : force);
        if (root != null && root.isBlank()) {
            throw new IllegalArgumentException("a GC root name must not be blank");
        }
        if (root != null && lastRoot) {
            throw new IllegalArgumentException("name a root or ask for the last- root, not both");
        }
        executor = executor == null || executor.isBlank() ? null : executor;
    }

    /** Options without an executor name, resuming from checkpoints (as in version 0.5 of this package). */
    public RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
            boolean dryRun, RealizeListener listener, String root, boolean lastRoot, boolean keepFailed,
            BreakPoints breaks) {
        this(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, breaks, null, false);
    }

    /** Options without keep-failed nor break points (as in version 0.4 of this package). */
    public RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
            boolean dryRun, RealizeListener listener, String root, boolean lastRoot) {
        this(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, false, null);
    }

    /** Options with a named root or none (as in version 0.2 of this package). */
    public RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
            boolean dryRun, RealizeListener listener, String root) {
        this(matcher, instances, forceAll, force, dryRun, listener, root, false);
    }

    /** Options without a root (as in version 0.1 of this package). */
    public RealizeOptions(Matcher matcher, int instances, boolean forceAll, Set<String> force,
            boolean dryRun, RealizeListener listener) {
        this(matcher, instances, forceAll, force, dryRun, listener, null, false);
    }

    public static RealizeOptions defaults() {
        return new RealizeOptions(null, 1, false, Set.of(), false, null, null, false, false, null, null, false);
    }

    public RealizeOptions withMatcher(Matcher m) {
        return new RealizeOptions(m, instances, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    public RealizeOptions withInstances(int n) {
        return new RealizeOptions(matcher, n, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    public RealizeOptions withForce(String... stagesOrDrefs) {
        return new RealizeOptions(matcher, instances, forceAll, Set.of(stagesOrDrefs), dryRun, listener, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    public RealizeOptions withForceAll(boolean all) {
        return new RealizeOptions(matcher, instances, all, force, dryRun, listener, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    public RealizeOptions withDryRun(boolean dry) {
        return new RealizeOptions(matcher, instances, forceAll, force, dry, listener, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    public RealizeOptions withListener(RealizeListener l) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, l, root, lastRoot, keepFailed, breaks, executor, fresh);
    }

    /** Points the GC root of that name at the target when the realize succeeds (null: no root). */
    public RealizeOptions withRoot(String name) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, name, false, keepFailed, breaks, executor, fresh);
    }

    /** The name of the root {@link #withLastRoot()} sets for a target stage: {@code last-<stage>}. */
    public static String lastRootName(String stage) {
        return "last-" + stage;
    }

    /**
     * Points the root {@code last-<stage of the target>} ({@link #lastRootName}) at the target when
     * the realize succeeds, like nix-build's {@code ./result}; replaces any {@link #withRoot} name.
     */
    public RealizeOptions withLastRoot() {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, null, true, keepFailed, breaks, executor, fresh);
    }

    /** Keeps the output folder of a failed build aside (outside the store); since 0.5. */
    public RealizeOptions withKeepFailed(boolean keep) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, keep, breaks, executor, fresh);
    }

    /** Pauses builds at these break points; since 0.5. */
    public RealizeOptions withBreaks(BreakPoints points) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, points, executor, fresh);
    }

    /** Builds start from zero, deleting their checkpoints instead of resuming; since 0.6. */
    public RealizeOptions withFresh(boolean startFresh) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, breaks, executor, startFresh);
    }

    /** Runs the builds on the named executor (null: the realizer's configured one); since 0.6. */
    public RealizeOptions withExecutor(String name) {
        return new RealizeOptions(matcher, instances, forceAll, force, dryRun, listener, root, lastRoot, keepFailed, breaks, name, fresh);
    }

    /** Whether a derivation is forced by these options. */
    public boolean forces(DRef dref) {
        return forceAll || force.contains(dref.name()) || force.contains(dref.toString());
    }
}
