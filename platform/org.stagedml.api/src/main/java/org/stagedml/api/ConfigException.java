package org.stagedml.api;

/** A config or override that does not fit a stage's schema: unknown field, wrong type, bad value. */
public class ConfigException extends StagedmlException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
