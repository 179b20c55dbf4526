package org.stagedml.api.realize;

import java.util.Set;
import org.stagedml.api.DRef;

/**
 * Where a realize pauses its builds so that a person can look inside (like Pylightnix's break
 * points): {@code after} pauses a build of these stages after {@code build()} returned and before
 * the commit, {@code before} pauses before {@code build()} runs, with the dependencies ready. Each
 * pause is handed to {@code hold}, and the build waits until the pause is resolved
 * ({@link PausedBuild#proceed}, {@link PausedBuild#skip}, {@link PausedBuild#abort}).
 *
 * @param after stage names whose builds pause before their commit
 * @param all every build pauses before its commit
 * @param before stage names whose builds pause before {@code build()}
 * @param hold receives the pauses (required when any break point is set)
 * @since 0.5
 */
public record BreakPoints(Set<String> after, boolean all, Set<String> before, BuildHold hold) {
    public BreakPoints {
        after = Set.copyOf(after == null ? Set.of() : after);
        before = Set.copyOf(before == null ? Set.of() : before);
        if (hold == null && (all || !after.isEmpty() || !before.isEmpty())) {
            throw new IllegalArgumentException("break points need a BuildHold to hand their pauses to");
        }
    }

    /** No break point. */
    public static BreakPoints none() {
        return new BreakPoints(Set.of(), false, Set.of(), null);
    }

    public boolean isEmpty() {
        return !all && after.isEmpty() && before.isEmpty();
    }

    /** Whether a build of this derivation pauses before its commit. */
    public boolean pausesAfter(DRef dref) {
        return all || after.contains(dref.name());
    }

    /** Whether a build of this derivation pauses before {@code build()}. */
    public boolean pausesBefore(DRef dref) {
        return before.contains(dref.name());
    }
}
