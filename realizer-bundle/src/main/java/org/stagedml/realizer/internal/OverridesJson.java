package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.stagedml.api.Json;

/**
 * A dependency's overrides as a JSON tree, for the instantiator's memo key. Stages mostly ask for
 * strings, numbers and booleans (example-chain's {@code depth=N-1}); those are put directly, which
 * gives the tree Jackson's {@code valueToTree} would, without its serializer lookups on every edge.
 */
final class OverridesJson {
    private OverridesJson() {
    }

    static JsonNode tree(Map<String, ?> overrides) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            Object v = e.getValue();
            if (e.getKey() == null) {
                return Json.mapper().valueToTree(overrides);
            } else if (v instanceof String s) {
                o.put(e.getKey(), s);
            } else if (v instanceof Long l) {
                o.put(e.getKey(), l.longValue());
            } else if (v instanceof Integer i) {
                o.put(e.getKey(), i.intValue());
            } else if (v instanceof Boolean b) {
                o.put(e.getKey(), b.booleanValue());
            } else {
                return Json.mapper().valueToTree(overrides); // anything else as Jackson writes it
            }
        }
        return o;
    }
}
