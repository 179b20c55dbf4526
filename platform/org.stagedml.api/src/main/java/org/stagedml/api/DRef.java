package org.stagedml.api;

/**
 * A derivation reference: {@code dref:<first 32 hex of the derivation hash>-<stage name>}.
 *
 * @param hash the 32 hex digits
 * @param name the stage name
 */
public record DRef(String hash, String name) implements Ref, Comparable<DRef> {
    public static final String PREFIX = "dref:";

    public DRef {
        Names.checkHash(hash, "derivation hash", PREFIX + hash + "-" + name);
        Names.checkStageName(name);
    }

    /** Parses {@code dref:<hash>-<name>}; throws IllegalArgumentException naming what is wrong. */
    public static DRef parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a derivation reference: '" + text
                    + "' (expected dref:<32 hex>-<name>)");
        }
        String body = text.substring(PREFIX.length());
        int dash = body.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a derivation reference: '" + text
                    + "' (expected dref:<32 hex>-<name>)");
        }
        return new DRef(body.substring(0, dash), body.substring(dash + 1));
    }

    /** True when the text looks like a DRef (the config convention for dependencies). */
    public static boolean isDRef(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return false;
        }
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The store folder name of this derivation: {@code <hash>-<name>}. */
    public String folderName() {
        return hash + "-" + name;
    }

    @Override
    public DRef dref() {
        return this;
    }

    @Override
    public int compareTo(DRef o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return PREFIX + hash + "-" + name;
    }
}
