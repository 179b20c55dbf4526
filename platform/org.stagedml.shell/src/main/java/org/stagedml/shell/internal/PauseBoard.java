package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.BuildHold;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.store.Store;

/**
 * The builds of this process paused at break points, and the realizes they belong to, shared by
 * {@code stage:realize} (which pauses them) and {@code stage:continue}, {@code stage:abort},
 * {@code stage:skip} (which resolve them, here or, through {@link PauseControl}, from another
 * process). One per shell bundle.
 */
@Component(service = PauseBoard.class)
public class PauseBoard implements BuildHold {
    private final List<PausedBuild> open = new CopyOnWriteArrayList<>();
    private final Set<PausedBuild> shown = ConcurrentHashMap.newKeySet();
    private final Map<Long, HeldRealize> held = new ConcurrentHashMap<>();
    private final PauseControl control;

    @Activate
    public PauseBoard(@Reference Store store) {
        this.control = new PauseControl(store, this::forgetResolved);
    }

    /** Leaving: nothing may stay held by a shell that is gone. */
    @Deactivate
    void deactivate() {
        open.forEach(PausedBuild::abort);
        control.close();
    }

    @Override
    public void paused(PausedBuild build) {
        open.add(build);
        control.publish(build);
    }

    /**
     * Follows a realize until it ends (true) or one of its builds pauses (false: the pause is printed
     * and the realize is kept here for stage:continue). With {@code waitThrough} (a one-shot
     * process, which would end the realize by returning) it prints each pause and keeps following
     * while another terminal resolves it.
     */
    boolean follow(PrintStream out, HeldRealize h, boolean waitThrough) throws InterruptedException {
        long job = h.job().id();
        while (true) {
            h.progress().follow(h.job(), () -> unshown(job).isPresent());
            Optional<PausedBuild> p = unshown(job);
            if (p.isEmpty()) {
                held.remove(job);
                return true;
            }
            shown.add(p.get());
            print(out, p.get(), waitThrough);
            if (!waitThrough) {
                held.put(job, h);
                return false;
            }
        }
    }

    private Optional<PausedBuild> unshown(long job) {
        forgetResolved();
        return open.stream().filter(p -> p.job() == job && !shown.contains(p)).findFirst();
    }

    /** The open pause (of this process) that {@code which} names (a stage or dref; null: the only one). */
    Optional<PausedBuild> find(String which) {
        forgetResolved();
        List<PausedBuild> matching = open.stream().filter(p -> which == null || p.dref().toString().equals(which)
                || p.dref().name().equals(which)).toList();
        if (matching.size() > 1) {
            StringBuilder sb = new StringBuilder("several builds are paused; name one (stage or dref):");
            matching.forEach(p -> sb.append("\n  ").append(p.dref()));
            throw new StagedmlException(sb.toString());
        }
        return matching.stream().findFirst();
    }

    /** The realize a pause belongs to, when this shell follows it. */
    Optional<HeldRealize> realizeOf(PausedBuild p) {
        return Optional.ofNullable(held.get(p.job()));
    }

    PauseControl control() {
        return control;
    }

    private void forgetResolved() {
        open.removeIf(p -> {
            boolean done = p.isResolved();
            if (done) {
                shown.remove(p);
            }
            return done;
        });
    }

    /** What a person needs at a pause: where to look, what the build was given, what to type next. */
    static void print(PrintStream out, PausedBuild p, boolean waitThrough) {
        boolean before = p.point() == PausedBuild.Point.BEFORE_BUILD;
        out.println("paused " + (before ? "before build() of " : "before the commit of ") + p.dref()
                + " (break point)");
        out.println("  output folder: " + p.out());
        out.println("  config:        " + p.derivation().config().toJson());
        if (p.dependencies().isEmpty()) {
            out.println("  dependencies:  (none)");
        }
        p.dependencies().forEach((field, paths) -> {
            for (Path path : paths) {
                out.println("  dependency " + field + ": " + path);
            }
        });
        String next = before
                ? "stage:continue runs build(), stage:skip commits what you put in the output folder"
                : "stage:continue commits what is in the output folder (your edits included)";
        out.println("  " + next + ", stage:abort cancels the realize"
                + (waitThrough ? " (type them in another terminal: this process waits)" : ""));
        out.flush();
    }
}
