package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.CancelledException;
import org.stagedml.api.realize.PausedBuild;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.store.Store;

/**
 * {@code stage:continue}, {@code stage:skip}, {@code stage:abort}: resolve a build paused at a break
 * point, in this shell (then follow its realize as stage:realize would) or in another process
 * (through {@link PauseControl}). Gogo calls {@code _continue} for {@code continue}, a Java keyword.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=continue",
        "osgi.command.function=skip", "osgi.command.function=abort"})
public class DebugCommands {
    private final PauseBoard board;
    private final StageShell shell;

    @Activate
    public DebugCommands(@Reference PauseBoard board, @Reference Realizer realizer, @Reference Store store) {
        this.board = board;
        this.shell = new StageShell(realizer, store, List::of, board);
    }

    @Descriptor("go on with a paused build: commit what is in its output folder (edits included), or, paused before build(), run build()")
    public void _continue(@Descriptor("the paused stage or dref, when several are paused") String... which) {
        resolve(System.out, "continue", which, PausedBuild::proceed);
    }

    @Descriptor("commit what is in the output folder of a build paused before build() (--break-before), without running build()")
    public void skip(@Descriptor("the paused stage or dref, when several are paused") String... which) {
        resolve(System.out, "skip", which, PausedBuild::skip);
    }

    @Descriptor("cancel the realize of a paused build: nothing of it is committed")
    public void abort(@Descriptor("the paused stage or dref, when several are paused") String... which) {
        resolve(System.out, "abort", which, PausedBuild::abort);
    }

    /** Resolves the pause {@code which} names (of this process, else of another) as {@code how} says, then follows its realize. */
    void resolve(PrintStream out, String decision, String[] which, Consumer<PausedBuild> how) {
        String name = which == null || which.length == 0 ? null : String.join(" ", which).trim();
        Optional<PausedBuild> local = board.find(name);
        if (local.isEmpty()) {
            board.control().send(out, decision, name);
            return;
        }
        PausedBuild p = local.get();
        how.accept(p);
        Optional<HeldRealize> h = board.realizeOf(p);
        if (h.isEmpty()) {
            out.println(decision + ": " + p.dref());
            return;
        }
        try {
            shell.resume(out, h.get());
        } catch (CancelledException e) {
            if (!decision.equals("abort")) {
                throw e;
            }
            out.println("aborted: nothing of the paused build of " + p.dref() + " was committed");
        }
    }
}
