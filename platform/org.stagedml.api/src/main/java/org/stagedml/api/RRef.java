package org.stagedml.api;

/**
 * A realization reference: {@code rref:<32 hex of the output hash>-<32 hex of the derivation hash>-<name>}.
 *
 * @param outputHash the realization's own hash (its folder name inside the derivation's folder)
 * @param derivationHash the derivation's hash
 * @param name the stage name
 */
public record RRef(String outputHash, String derivationHash, String name) implements Ref, Comparable<RRef> {
    public static final String PREFIX = "rref:";

    public RRef {
        String text = PREFIX + outputHash + "-" + derivationHash + "-" + name;
        Names.checkHash(outputHash, "output hash", text);
        Names.checkHash(derivationHash, "derivation hash", text);
        Names.checkStageName(name);
    }

    public static RRef of(String outputHash, DRef dref) {
        return new RRef(outputHash, dref.hash(), dref.name());
    }

    /** Parses {@code rref:<hash>-<hash>-<name>}; throws IllegalArgumentException naming what is wrong. */
    public static RRef parse(String text) {
        String expected = "' (expected rref:<32 hex>-<32 hex>-<name>)";
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a realization reference: '" + text + expected);
        }
        String[] parts = text.substring(PREFIX.length()).split("-", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a realization reference: '" + text + expected);
        }
        return new RRef(parts[0], parts[1], parts[2]);
    }

    @Override
    public DRef dref() {
        return new DRef(derivationHash, name);
    }

    @Override
    public int compareTo(RRef o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return PREFIX + outputHash + "-" + derivationHash + "-" + name;
    }
}
