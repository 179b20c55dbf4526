package org.stagedml.api;

/** A reference into the store: a derivation ({@link DRef}) or one of its realizations ({@link RRef}). */
public sealed interface Ref permits DRef, RRef {
    /** The stage name the reference ends with. */
    String name();

    /** The derivation this reference belongs to (itself for a DRef). */
    DRef dref();

    /** Parses either form: {@code dref:<hash>-<name>} or {@code rref:<hash>-<hash>-<name>}. */
    static Ref parse(String text) {
        if (text != null && text.startsWith(RRef.PREFIX)) {
            return RRef.parse(text);
        }
        if (text != null && text.startsWith(DRef.PREFIX)) {
            return DRef.parse(text);
        }
        throw new IllegalArgumentException("not a reference: '" + text
                + "' (expected dref:<32 hex>-<name> or rref:<32 hex>-<32 hex>-<name>)");
    }
}
