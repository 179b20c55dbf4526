package org.stagedml.api;

/** A build or a realize was cancelled (by the user, or because its stage went away). */
public class CancelledException extends StagedmlException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
