package org.stagedml.api;

/** The type of a config field, used to validate overrides and to parse {@code key=value} text. */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN,
    /** One of the field's allowed values (strings). */
    CHOICE,
    /** Any JSON value, given as JSON text on the command line. */
    JSON,
    /**
     * A local file or folder, or a URL. At instantiate time the realizer makes a local path absolute
     * and puts the sha256 of its content into the derivation (field {@code <name>_sha256}), so editing
     * the file makes a new derivation; a URL is left as it is (it needs a published checksum).
     */
    PATH,
    /**
     * The name of the stage that fills the dependency of the same name; dotted overrides
     * ({@code data.train=...}) reach into it. {@link FieldSpec#allowed()} holds the data layouts the
     * field accepts (see {@link org.stagedml.api.stage.Stage#provides()}); empty accepts any stage.
     */
    STAGE
}
