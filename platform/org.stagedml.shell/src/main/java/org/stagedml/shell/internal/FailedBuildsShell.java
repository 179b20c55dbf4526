package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.FailedBuild;
import org.stagedml.api.store.Store;

/** The failed builds kept aside by {@code --keep-failed}: {@code store:failed [--rm]}, {@code store:gc --failed}. */
final class FailedBuildsShell {
    private final Store store;

    FailedBuildsShell(Store store) {
        this.store = store;
    }

    /** Lists them, oldest first: derivation, when, folder. */
    void list(PrintStream out) {
        List<FailedBuild> kept = kept();
        if (kept.isEmpty()) {
            out.println("no failed builds kept (stage:realize --keep-failed keeps them)");
            return;
        }
        Table t = new Table("DERIVATION", "FAILED", "FOLDER");
        kept.forEach(b -> t.row(b.dref().toString(), Text.time(b.failed()), b.folder().toString()));
        t.print(out);
    }

    /** Deletes them all; says how many. */
    int removeAll(PrintStream out) {
        int n = 0;
        for (FailedBuild b : kept()) {
            try {
                n += store.removeFailedBuild(b) ? 1 : 0;
            } catch (IOException e) {
                throw new StagedmlException("cannot remove the failed build kept at " + b.folder() + ": "
                        + Text.oneLine(e), e);
            }
        }
        out.println("removed " + n + " failed build(s) kept aside");
        return n;
    }

    /** After a failed realize with --keep-failed: where its failed builds were kept. */
    void printKeptSince(PrintStream out, Instant since) {
        if (store == null) {
            return;
        }
        for (FailedBuild b : kept()) {
            if (!b.failed().isBefore(since)) {
                out.println("kept failed build of " + b.dref() + ": " + b.folder() + " (output folder: " + b.out() + ")");
            }
        }
        out.flush();
    }

    private List<FailedBuild> kept() {
        try {
            return store.failedBuilds();
        } catch (IOException e) {
            throw new StagedmlException("cannot list the failed builds kept aside: " + Text.oneLine(e), e);
        }
    }
}
