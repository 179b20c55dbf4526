package org.stagedml.shell.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.BreakPoints;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeOptions;

/**
 * The debugging flags of {@code stage:realize}: {@code --keep-failed}, {@code --break <stage>}
 * (repeatable), {@code --break-all}, {@code --break-before <stage>} (repeatable).
 *
 * @param oneShot the command runs in a one-shot process, which waits at a pause (an interactive
 *        shell returns to its prompt instead)
 */
public record DebugRequest(boolean keepFailed, Set<String> breakAfter, boolean breakAll, Set<String> breakBefore,
        boolean oneShot) {
    static final DebugRequest NONE = new DebugRequest(false, Set.of(), false, Set.of(), false);

    public DebugRequest {
        breakAfter = Set.copyOf(breakAfter);
        breakBefore = Set.copyOf(breakBefore);
    }

    boolean pauses() {
        return breakAll || !breakAfter.isEmpty() || !breakBefore.isEmpty();
    }

    /** Refuses a break point on a stage the closure does not hold: it would never pause. */
    void check(Closure closure) {
        Set<String> stages = new TreeSet<>();
        closure.nodes().forEach(n -> stages.add(n.dref().name()));
        for (Set<String> names : List.of(breakAfter, breakBefore)) {
            for (String name : names) {
                if (!stages.contains(name)) {
                    throw new StagedmlException("no stage '" + name + "' in the closure of " + closure.target().name()
                            + ", so a break point there would never pause; its stages: " + String.join(", ", stages));
                }
            }
        }
    }

    /** The options with these flags; break points need the board that holds the paused builds. */
    RealizeOptions apply(RealizeOptions options, PauseBoard board) {
        RealizeOptions o = options.withKeepFailed(keepFailed);
        if (!pauses()) {
            return o;
        }
        if (board == null) {
            throw new StagedmlException("break points need the interactive shell's pause board, which is not running");
        }
        return o.withBreaks(new BreakPoints(breakAfter, breakAll, breakBefore, board));
    }
}
