package org.stagedml.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented fields of a stage's config, with defaults; validates and applies overrides. Old
 * field names a stage still accepts are {@linkplain #withAlias aliases}, rewritten before the
 * overrides are applied ({@link #resolveAliases}).
 */
public final class ConfigSchema {
    /** An alias target ending in this spreads a JSON object into dotted overrides of the field before it. */
    public static final String SPREAD = ".*";
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

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

    /**
     * This schema with an old field name kept working: {@code old=v} is read as {@code field=v}; with
     * {@code field} of the form {@code "f.*"} ({@link #SPREAD}) the value is a JSON object whose entries
     * become the dotted overrides {@code f.key=value}, e.g. {@code withAlias("bert_overrides", "bert.*")}
     * reads {@code bert_overrides={"hidden_size":64}} as {@code bert.hidden_size=64}.
     */
    public ConfigSchema withAlias(String old, String field) {
        String target = field.endsWith(SPREAD) ? field.substring(0, field.length() - SPREAD.length()) : field;
        if (fields.containsKey(old) || !fields.containsKey(target)) {
            throw new IllegalArgumentException("alias '" + old + "' -> '" + field + "': the old name must not be a field,"
                    + " the new one must");
        }
        ConfigSchema s = new ConfigSchema(List.copyOf(fields.values()));
        s.aliases.putAll(aliases);
        s.aliases.put(old, field);
        return s;
    }

    /** Old name -> the field (or {@code "f.*"}) it stands for. */
    public Map<String, String> aliases() {
        return Map.copyOf(aliases);
    }

    /**
     * The overrides with every alias rewritten to what it stands for (see {@link #withAlias}); a
     * ConfigException when an old name and its new one are both given, or a spread value is not a
     * JSON object.
     */
    public Map<String, Object> resolveAliases(String stage, Map<String, ?> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(overrides);
        if (aliases.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!out.containsKey(a.getKey())) {
                continue;
            }
            Object value = out.remove(a.getKey());
            Map<String, Object> rewritten = new LinkedHashMap<>();
            if (a.getValue().endsWith(SPREAD)) {
                String prefix = a.getValue().substring(0, a.getValue().length() - 1);
                JsonNode object = value instanceof String text ? parseObject(stage, a.getKey(), text) : Json.mapper().valueToTree(value);
                if (!object.isObject()) {
                    throw new ConfigException("stage '" + stage + "': " + a.getKey() + " must be a JSON object, got " + object);
                }
                object.fields().forEachRemaining(e -> rewritten.put(prefix + e.getKey(), e.getValue()));
            } else {
                rewritten.put(a.getValue(), value);
            }
            for (Map.Entry<String, Object> e : rewritten.entrySet()) {
                if (out.containsKey(e.getKey())) {
                    throw new ConfigException("stage '" + stage + "': " + a.getKey() + " (the old name of " + a.getValue()
                            + ") and " + e.getKey() + " are both given; give only " + e.getKey());
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static JsonNode parseObject(String stage, String key, String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new ConfigException("stage '" + stage + "': " + key + " must be a JSON object, got '" + text + "'");
        }
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
