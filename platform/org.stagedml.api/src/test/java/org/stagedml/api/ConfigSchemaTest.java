package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.string("name", "bert", "model name"),
            FieldSpec.integer("epochs", 3, "passes"),
            FieldSpec.number("lr", 0.001, "learning rate"),
            FieldSpec.bool("shuffle", true, "shuffle"),
            FieldSpec.choice("task", "MRPC", List.of("MRPC", "SST-2"), "GLUE task"),
            new FieldSpec("extra", FieldType.JSON, JsonNodeFactory.instance.objectNode(), List.of(), "anything"),
            FieldSpec.required("data", FieldType.STRING, "the dataset"));

    static Config apply(Map<String, ?> overrides) {
        return SCHEMA.apply("glue", overrides);
    }

    @Test
    void defaultsLeaveRequiredFieldsOut() {
        assertEquals("{\"epochs\":3,\"extra\":{},\"lr\":0.001,\"name\":\"bert\",\"shuffle\":true,\"task\":\"MRPC\"}",
                SCHEMA.defaults().canonical());
        assertTrue(SCHEMA.field("data").orElseThrow().isRequired());
        assertEquals(7, SCHEMA.fields().size());
    }

    @Test
    void textOverridesAreParsedPerType() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data", "dref:0123456789abcdef0123456789abcdef-glue");
        o.put("epochs", "5");
        o.put("lr", "1e-4");
        o.put("shuffle", "FALSE");
        o.put("task", "SST-2");
        o.put("extra", "{\"a\":[1,2]}");
        Config c = apply(o);
        assertEquals(5, c.getInt("epochs"));
        assertEquals(1e-4, c.getDouble("lr"));
        assertEquals(false, c.getBoolean("shuffle"));
        assertEquals("SST-2", c.getString("task"));
        assertEquals("{\"a\":[1,2]}", c.get("extra").orElseThrow().toString());
        assertEquals(Map.of("data", DRef.parse("dref:0123456789abcdef0123456789abcdef-glue")), c.dependencies());
        assertEquals(5, apply(Map.of("data", "x", "epochs", "5.0")).getInt("epochs"));
        assertEquals(1000, apply(Map.of("data", "x", "epochs", "1e3")).getLong("epochs"));
    }

    @Test
    void typedOverridesAreChecked() {
        Config c = apply(Map.of("data", "x", "epochs", 7, "lr", 0.5, "shuffle", false,
                "extra", JsonNodeFactory.instance.arrayNode().add(1)));
        assertEquals(7, c.getInt("epochs"));
        assertEquals("{\"data\":\"x\",\"epochs\":7,\"extra\":[1],\"lr\":0.5,\"name\":\"bert\",\"shuffle\":false,\"task\":\"MRPC\"}",
                c.canonical());
        assertEquals(4, apply(Map.of("data", "x", "epochs", 4.0)).getInt("epochs"), "4.0 is an integer");
    }

    @Test
    void badOverridesNameTheStageAndField() {
        assertBad(Map.of("data", "x", "epoch", "3"), "has no config field 'epoch'");
        assertBad(Map.of("data", "x", "epochs", "three"), "'epochs' must be an integer");
        assertBad(Map.of("data", "x", "epochs", "1.5"), "'epochs' must be an integer");
        assertBad(Map.of("data", "x", "epochs", 1.5), "'epochs' must be an integer");
        assertBad(Map.of("data", "x", "epochs", 1e30), "'epochs' must be an integer");
        assertBad(Map.of("data", "x", "epochs", "99999999999999999999"), "'epochs' must be an integer");
        assertBad(Map.of("data", "x", "lr", "NaN"), "'lr' must be a number");
        assertBad(Map.of("data", "x", "lr", "Infinity"), "'lr' must be a number");
        assertBad(Map.of("data", "x", "shuffle", "yes"), "'shuffle' must be true or false");
        assertBad(Map.of("data", "x", "task", "QQP"), "'task' must be one of [MRPC, SST-2]");
        assertBad(Map.of("data", "x", "name", 3), "'name' must be a string");
        assertBad(Map.of("data", "x", "extra", "{nope"), "'extra' must be a JSON value");
        assertBad(Map.of(), "needs a value for [data]");
    }

    private static void assertBad(Map<String, ?> overrides, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> apply(overrides));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("glue"), e.getMessage());
    }

    @Test
    void duplicateFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigSchema.of(FieldSpec.bool("a", true, ""), FieldSpec.bool("a", false, "")));
    }

    @Test
    void oldFieldNamesAreRewrittenToTheirFieldsOrSpreadIntoDottedOverrides() {
        ConfigSchema s = ConfigSchema.of(FieldSpec.stage("bert", "bert-checkpoint", List.of(), "the checkpoint"),
                FieldSpec.integer("epochs", 3, "passes"))
                .withAlias("bert_stage", "bert").withAlias("bert_overrides", "bert.*");
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("bert_stage", "bert-random-init");
        old.put("bert_overrides", "{\"hidden_size\":64,\"vocab\":[\"a\"]}");
        old.put("epochs", 2);
        Map<String, Object> now = s.resolveAliases("m", old);
        assertEquals(List.of("epochs", "bert", "bert.hidden_size", "bert.vocab"), List.copyOf(now.keySet()));
        assertEquals("bert-random-init", now.get("bert"));
        assertEquals(64, ((com.fasterxml.jackson.databind.JsonNode) now.get("bert.hidden_size")).intValue());
        assertEquals("bert", s.aliases().get("bert_stage"));
        // a JSON object given as a value, not text
        assertEquals(Map.of("bert.k", JsonNodeFactory.instance.numberNode(1)),
                s.resolveAliases("m", Map.of("bert_overrides", Map.of("k", 1))));

        ConfigException both = assertThrows(ConfigException.class,
                () -> s.resolveAliases("m", Map.of("bert_stage", "x", "bert", "y")));
        assertTrue(both.getMessage().contains("bert_stage") && both.getMessage().contains("give only bert"), both.getMessage());
        ConfigException notObject = assertThrows(ConfigException.class, () -> s.resolveAliases("m", Map.of("bert_overrides", "[1]")));
        assertTrue(notObject.getMessage().contains("bert_overrides must be a JSON object"), notObject.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withAlias("epochs", "bert"), "an alias must not shadow a field");
        assertThrows(IllegalArgumentException.class, () -> s.withAlias("old", "nothing"), "an alias must name a field");
    }
}
