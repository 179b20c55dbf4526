package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.RealizeOptions;

/**
 * What a realize selects for each derivation, and whether (and how often) it must build it: a pure
 * function of the options, the matchers and the realizations the store lists. No threads, no store,
 * no events; the walk and the node builds act on its answers.
 */
final class Selection {
    /** What the walk does with a derivation whose dependencies are done. */
    sealed interface Decision {
    }

    /** Serve the derivation from the store: these realizations are selected. */
    record Serve(List<RRef> selection) implements Decision {
    }

    /** The derivation needs a build (in a dry run: it would be built). */
    record Build() implements Decision {
    }

    private static final Build BUILD = new Build();

    private final DRef target;
    private final RealizeOptions options;
    private final Function<String, Matcher> defaultMatchers;

    /**
     * @param target the closure's target (the options' matcher and instances apply to it only)
     * @param defaultMatchers stage name -> the matcher the stage declares
     */
    Selection(DRef target, RealizeOptions options, Function<String, Matcher> defaultMatchers) {
        this.target = target;
        this.options = options;
        this.defaultMatchers = defaultMatchers;
    }

    boolean isTarget(DRef d) {
        return d.equals(target);
    }

    /** The options' matcher for the target, else the stage's own. */
    Matcher matcher(DRef d) {
        if (isTarget(d) && options.matcher() != null) {
            return options.matcher();
        }
        return defaultMatchers.apply(d.name());
    }

    /**
     * Decides a derivation whose dependencies are done.
     *
     * @param dependencyBuilds whether a dependency is (or, in a dry run, would be) built in this run;
     *        only a dry run asks, since a real run selects its dependencies before deciding
     * @param existing the realizations built against the dependencies' selections (listed only when needed)
     */
    Decision decide(DRef d, boolean dependencyBuilds, Supplier<List<RealizationInfo>> existing) {
        if (options.forces(d) || options.dryRun() && dependencyBuilds) {
            return BUILD;
        }
        List<RealizationInfo> found = existing.get();
        return needed(d, found) > 0 ? BUILD : new Serve(select(d, found));
    }

    /**
     * How many builds to run under the derivation's lock, after a re-check of what exists (another
     * thread or process may have built it meanwhile): a forced derivation builds regardless (as many
     * instances as asked for the target, else one); otherwise what {@link #needed} says.
     */
    int builds(DRef d, List<RealizationInfo> existing) {
        if (options.forces(d)) {
            return isTarget(d) ? options.instances() : 1;
        }
        return needed(d, existing);
    }

    /** How many more realizations the matcher (and, for the target, the instances asked for) wants. */
    int needed(DRef d, List<RealizationInfo> existing) {
        int missing = matcher(d).missing(existing);
        if (isTarget(d) && options.instances() > 1) {
            missing = Math.max(missing, options.instances() - existing.size());
        }
        return Math.max(0, missing);
    }

    /** The matcher's choice; a StagedmlException naming the derivation and matcher when it chooses nothing. */
    List<RRef> select(DRef d, List<RealizationInfo> existing) {
        Matcher m = matcher(d);
        List<RRef> selection = m.select(existing);
        if (selection == null || selection.isEmpty()) {
            throw new StagedmlException("no realization of " + d + " matches '" + m.spec() + "' ("
                    + existing.size() + " built against the selected dependencies); realize it with another matcher");
        }
        return List.copyOf(selection);
    }

    /**
     * The realizations built against exactly the realizations selected for the dependencies in
     * this run: the context of each names the same dependencies with the same sets of RRefs.
     */
    static List<RealizationInfo> builtAgainst(Collection<DRef> dependencies, Map<DRef, List<RRef>> selected,
            List<RealizationInfo> all) {
        Map<DRef, Set<RRef>> expected = new HashMap<>();
        for (DRef d : dependencies) {
            expected.put(d, new HashSet<>(selected.getOrDefault(d, List.of())));
        }
        List<RealizationInfo> out = new ArrayList<>();
        for (RealizationInfo r : all) {
            if (sameContext(r.context(), expected)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean sameContext(Map<DRef, List<RRef>> context, Map<DRef, Set<RRef>> expected) {
        if (context.size() != expected.size()) {
            return false;
        }
        for (Map.Entry<DRef, List<RRef>> e : context.entrySet()) {
            Set<RRef> want = expected.get(e.getKey());
            if (want == null || !want.equals(new HashSet<>(e.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
