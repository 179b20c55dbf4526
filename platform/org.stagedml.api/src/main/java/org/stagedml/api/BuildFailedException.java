package org.stagedml.api;

import java.nio.file.Path;

/** A build threw. Names the stage, the derivation and the cause, and where its log was kept. */
public class BuildFailedException extends StagedmlException {
    private static final long serialVersionUID = 1L;
    private final DRef dref;
    private final transient Path log;

    public BuildFailedException(DRef dref, Path log, Throwable cause) {
        super("build of stage '" + dref.name() + "' (" + dref + ") failed: " + describe(cause)
                + (log == null ? "" : "; log: " + log), cause);
        this.dref = dref;
        this.log = log;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }

    public DRef dref() {
        return dref;
    }

    /** The failed build's log, kept outside the store; may be null. */
    public Path log() {
        return log;
    }
}
