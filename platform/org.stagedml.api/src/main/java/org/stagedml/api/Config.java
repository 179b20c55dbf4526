package org.stagedml.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage configuration: an immutable JSON object. Dependencies appear in a final config as
 * {@code dref:} strings in the top-level field that names them (see {@link #dependencies()}).
 */
public final class Config {
    private static final Config EMPTY = new Config(JsonNodeFactory.instance.objectNode());
    private final ObjectNode node;

    private Config(ObjectNode node) {
        this.node = node;
    }

    public static Config empty() {
        return EMPTY;
    }

    /** A config holding a deep copy of the object. */
    public static Config of(ObjectNode node) {
        return new Config(node.deepCopy());
    }

    /** Parses a JSON object; a clear ConfigException for anything else. */
    public static Config parse(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (n == null || !n.isObject()) {
                throw new ConfigException("a config must be a JSON object, got: " + json);
            }
            return new Config((ObjectNode) n);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A deep copy of the JSON object, free to modify. */
    public ObjectNode toJson() {
        return node.deepCopy();
    }

    /** A copy with one field set. */
    public Config with(String field, JsonNode value) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, value);
        return new Config(copy);
    }

    public Config with(String field, String value) {
        return with(field, JsonNodeFactory.instance.textNode(value));
    }

    public Config with(String field, long value) {
        return with(field, JsonNodeFactory.instance.numberNode(value));
    }

    public Config with(String field, double value) {
        return with(field, JsonNodeFactory.instance.numberNode(value));
    }

    public Config with(String field, boolean value) {
        return with(field, JsonNodeFactory.instance.booleanNode(value));
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** The top-level field names, in document order. */
    public List<String> fields() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value of a top-level field (a copy), or empty. */
    public Optional<JsonNode> get(String field) {
        JsonNode v = node.get(field);
        return v == null ? Optional.empty() : Optional.of(v.deepCopy());
    }

    private JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ConfigException("config has no field '" + field + "'");
        }
        return v;
    }

    public String getString(String field) {
        JsonNode v = require(field);
        if (!v.isValueNode()) {
            throw new ConfigException("config field '" + field + "' is not a plain value: " + v);
        }
        return v.asText();
    }

    public long getLong(String field) {
        JsonNode v = require(field);
        if (!v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue())) {
            throw new ConfigException("config field '" + field + "' is not an integer: " + v);
        }
        return v.longValue();
    }

    public int getInt(String field) {
        long l = getLong(field);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ConfigException("config field '" + field + "' is out of the int range: " + l);
        }
        return (int) l;
    }

    public double getDouble(String field) {
        JsonNode v = require(field);
        if (!v.isNumber()) {
            throw new ConfigException("config field '" + field + "' is not a number: " + v);
        }
        return v.doubleValue();
    }

    public boolean getBoolean(String field) {
        JsonNode v = require(field);
        if (!v.isBoolean()) {
            throw new ConfigException("config field '" + field + "' is not a boolean: " + v);
        }
        return v.booleanValue();
    }

    /** The dependency named by a field: the field must hold a {@code dref:} string. */
    public DRef getDRef(String field) {
        String s = getString(field);
        if (!DRef.isDRef(s)) {
            throw new ConfigException("config field '" + field + "' is not a dependency reference: " + s);
        }
        return DRef.parse(s);
    }

    /**
     * The dependencies of a config: every top-level field holding a {@code dref:} string, in
     * document order. This is the one definition: the realizer builds them first, and the store's
     * gc, remove, export and reference queries follow exactly these. A {@code dref:}-looking string
     * nested in an object or array is a plain value, not a dependency.
     */
    public Map<String, DRef> dependencies() {
        Map<String, DRef> deps = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && DRef.isDRef(e.getValue().textValue())) {
                deps.put(e.getKey(), DRef.parse(e.getValue().textValue()));
            }
        }
        return deps;
    }

    /** The RFC 8785 canonical text of this config. */
    public String canonical() {
        return CanonicalJson.write(node);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && canonical().equals(c.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    /** Compact JSON in document order. */
    @Override
    public String toString() {
        return node.toString();
    }
}
