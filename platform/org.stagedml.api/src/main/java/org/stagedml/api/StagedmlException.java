package org.stagedml.api;

/**
 * Base of every error the platform reports to a user. Its message is one line that says what is
 * wrong and, where it can, what to do about it.
 */
public class StagedmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StagedmlException(String message) {
        super(message);
    }

    public StagedmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
