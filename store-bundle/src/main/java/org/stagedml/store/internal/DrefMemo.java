package org.stagedml.store.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;

/**
 * The DRefs of derivation objects this store has hashed, by identity: the realizer hands the same
 * (immutable) Derivation objects again and again for closures it has instantiated before, and
 * hashing each (RFC 8785 text, then SHA-256) is the bulk of re-instantiating a cached closure. By
 * identity, not equality, because {@link Derivation#equals} would write the canonical text. A cache of
 * a pure function: never stale. Bounded (emptied when full); thread-safe.
 */
final class DrefMemo {
    static final int MAX = 50_000;
    private final Map<Identity, DRef> drefs = new ConcurrentHashMap<>();

    private record Identity(Derivation derivation) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.derivation == derivation;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(derivation);
        }
    }

    /** The derivation's DRef; throws IllegalArgumentException as {@link Derivation#dref()} does. */
    DRef of(Derivation d) {
        Identity key = new Identity(d);
        DRef dref = drefs.get(key);
        if (dref == null) {
            dref = d.dref();
            if (drefs.size() >= MAX) {
                drefs.clear();
            }
            drefs.put(key, dref);
        }
        return dref;
    }
}
