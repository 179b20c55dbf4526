package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;

/**
 * The derivations the instantiator has hashed, by what determines them: stage name and version,
 * the canonical config before dependencies (the instantiator's memo key) and the DRef of each
 * dependency field. Hashing (RFC 8785 text, then SHA-256) is most of what instantiating a cached
 * closure costs; a long-lived process (the StagedML server) instantiates the same closures again and
 * again. A cache of a pure function: an entry never goes stale, whatever the store or the registry
 * do (a new stage version or dependency is another key). Bounded; thread-safe.
 */
final class DerivationMemo {
    static final int MAX = 50_000;
    private final Map<String, Hashed> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Hashed> eldest) {
            return size() > MAX;
        }
    };

    /** A derivation and its DRef. */
    record Hashed(Derivation derivation, DRef dref) {
    }

    /**
     * The derivation of a stage whose config before dependencies is {@code schemaConfig} (whose
     * canonical text {@code key} contains) with these dependency fields.
     */
    Hashed derive(String stage, int version, String key, Config schemaConfig, Map<String, DRef> childDrefs) {
        StringBuilder k = new StringBuilder(key.length() + 80 * childDrefs.size() + 40);
        k.append(stage).append('\n').append(version).append('\n').append(key);
        childDrefs.forEach((field, dref) -> k.append('\n').append(field).append('=').append(dref));
        String memoKey = k.toString();
        synchronized (entries) {
            Hashed h = entries.get(memoKey);
            if (h != null) {
                return h;
            }
        }
        ObjectNode config = schemaConfig.toJson();
        childDrefs.forEach((field, dref) -> config.put(field, dref.toString()));
        Derivation derivation = new Derivation(stage, version, Config.of(config));
        Hashed h = new Hashed(derivation, derivation.dref());
        synchronized (entries) {
            entries.put(memoKey, h);
        }
        return h;
    }
}
