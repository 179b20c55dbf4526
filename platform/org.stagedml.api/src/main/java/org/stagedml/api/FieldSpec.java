package org.stagedml.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * One documented config field of a stage.
 *
 * @param name field name
 * @param type its type
 * @param defaultValue the default (a JSON value; null node when the field must be given)
 * @param allowed for CHOICE, the allowed values; empty otherwise
 * @param doc one line for stage:show
 */
public record FieldSpec(String name, FieldType type, JsonNode defaultValue, List<String> allowed, String doc) {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public FieldSpec {
        allowed = List.copyOf(allowed == null ? List.of() : allowed);
        defaultValue = defaultValue == null ? F.nullNode() : defaultValue;
        doc = doc == null ? "" : doc;
    }

    public static FieldSpec string(String name, String def, String doc) {
        return new FieldSpec(name, FieldType.STRING, def == null ? null : F.textNode(def), List.of(), doc);
    }

    public static FieldSpec integer(String name, long def, String doc) {
        return new FieldSpec(name, FieldType.INTEGER, F.numberNode(def), List.of(), doc);
    }

    public static FieldSpec number(String name, double def, String doc) {
        return new FieldSpec(name, FieldType.NUMBER, F.numberNode(def), List.of(), doc);
    }

    public static FieldSpec bool(String name, boolean def, String doc) {
        return new FieldSpec(name, FieldType.BOOLEAN, F.booleanNode(def), List.of(), doc);
    }

    public static FieldSpec choice(String name, String def, List<String> allowed, String doc) {
        return new FieldSpec(name, FieldType.CHOICE, F.textNode(def), allowed, doc);
    }

    /** A local file or folder (hashed into the derivation at instantiate time) or a URL; "" when optional. */
    public static FieldSpec path(String name, String def, String doc) {
        return new FieldSpec(name, FieldType.PATH, def == null ? null : F.textNode(def), List.of(), doc);
    }

    /**
     * A dependency whose stage the config chooses: the value names the stage that fills dependency
     * {@code name}, e.g. {@code data=text-classification}.
     *
     * @param defaultStage the stage used when the user names none
     * @param accepts the data layouts the field accepts (a stage qualifies when its
     *        {@link org.stagedml.api.stage.Stage#provides()} holds one of them); empty accepts any stage
     */
    public static FieldSpec stage(String name, String defaultStage, List<String> accepts, String doc) {
        return new FieldSpec(name, FieldType.STAGE, F.textNode(defaultStage), accepts, doc);
    }

    /** A field with no default: the user must give it. */
    public static FieldSpec required(String name, FieldType type, String doc) {
        return new FieldSpec(name, type, null, List.of(), doc);
    }

    public boolean isRequired() {
        return defaultValue.isNull();
    }

    /** Parses command-line text into a value of this field's type; ConfigException naming the field. */
    public JsonNode parse(String text) {
        try {
            return switch (type) {
                case STRING, CHOICE, PATH, STAGE -> check(F.textNode(text));
                case INTEGER -> check(F.numberNode(new java.math.BigDecimal(text.trim()).longValueExact()));
                case NUMBER -> check(F.numberNode(Double.parseDouble(text.trim())));
                case BOOLEAN -> {
                    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new ConfigException(mismatch(text));
                    }
                    yield F.booleanNode(t.equals("true"));
                }
                case JSON -> Json.mapper().readTree(text);
            };
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigException(mismatch(text));
        }
    }

    /** Checks a JSON value against this field; returns it normalised (e.g. 3.0 for an INTEGER is 3). */
    public JsonNode check(JsonNode value) {
        switch (type) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case PATH -> {
                if (!value.isTextual()) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case STAGE -> {
                if (!value.isTextual() || !Names.STAGE_NAME.matcher(value.textValue()).matches()) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case CHOICE -> {
                if (!value.isTextual() || (!allowed.isEmpty() && !allowed.contains(value.textValue()))) {
                    throw new ConfigException("config field '" + name + "' must be one of " + allowed
                            + ", got " + value);
                }
            }
            case INTEGER -> {
                if (!value.isNumber() || value.doubleValue() != Math.rint(value.doubleValue())
                        || Double.isInfinite(value.doubleValue())) {
                    throw new ConfigException(mismatch(value.toString()));
                }
                try { // beyond the long range would otherwise be clamped silently
                    return F.numberNode(value.decimalValue().longValueExact());
                } catch (ArithmeticException e) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case NUMBER -> {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new ConfigException(mismatch(value.toString()));
                }
            }
            case JSON -> {
                // any value
            }
        }
        return value;
    }

    private String mismatch(String got) {
        String what = switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + allowed;
            case JSON -> "a JSON value";
            case PATH -> "a local path or a URL";
            case STAGE -> "a stage name";
        };
        return "config field '" + name + "' must be " + what + ", got '" + got + "'";
    }
}
