package org.stagedml.api;

/** The type of a config field, used to validate overrides and to parse {@code key=value} text. */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN,
    /** One of the field's allowed values (strings). */
    CHOICE,
    /** Any JSON value, given as JSON text on the command line. */
    JSON
}
