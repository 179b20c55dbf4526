package org.stagedml.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The documented fields of a stage's config, with defaults; validates and applies overrides. */
public final class ConfigSchema {
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();

    private ConfigSchema(List<FieldSpec> specs) {
        for (FieldSpec f : specs) {
            if (fields.put(f.name(), f) != null) {
                throw new IllegalArgumentException("field '" + f.name() + "' declared twice");
            }
        }
    }

    public static ConfigSchema of(FieldSpec... specs) {
        return new ConfigSchema(List.of(specs));
    }

    public static ConfigSchema of(List<FieldSpec> specs) {
        return new ConfigSchema(specs);
    }

    public List<FieldSpec> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The config made of every field's default (required fields absent). */
    public Config defaults() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (FieldSpec f : fields.values()) {
            if (!f.isRequired()) {
                o.set(f.name(), f.defaultValue().deepCopy());
            }
        }
        return Config.of(o);
    }

    /**
     * Defaults overlaid with overrides. An override value may be a String (parsed per the field's
     * type, as from {@code key=value}) or a JsonNode / Number / Boolean (checked). Unknown fields,
     * wrong types and missing required fields are ConfigExceptions naming the stage and field.
     */
    public Config apply(String stage, Map<String, ?> overrides) {
        ObjectNode o = defaults().toJson();
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            FieldSpec f = fields.get(e.getKey());
            if (f == null) {
                throw new ConfigException("stage '" + stage + "' has no config field '" + e.getKey()
                        + "'; its fields are " + fields.keySet());
            }
            try {
                o.set(f.name(), value(f, e.getValue()));
            } catch (ConfigException ex) {
                throw new ConfigException("stage '" + stage + "': " + ex.getMessage());
            }
        }
        List<String> missing = new ArrayList<>();
        for (FieldSpec f : fields.values()) {
            if (!o.hasNonNull(f.name())) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("stage '" + stage + "' needs a value for " + missing
                    + " (give it as name=value)");
        }
        return Config.of(o);
    }

    private static JsonNode value(FieldSpec f, Object v) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        if (v instanceof String s) {
            return f.parse(s);
        } else if (v instanceof JsonNode n) {
            return f.check(n);
        } else if (v instanceof Boolean b) {
            return f.check(nf.booleanNode(b));
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return f.check(nf.numberNode(((Number) v).longValue()));
        } else if (v instanceof Number n) {
            return f.check(nf.numberNode(n.doubleValue()));
        }
        return f.check(Json.mapper().valueToTree(v));
    }
}
