package org.stagedml.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The derivation document {@code {"stage": name, "version": stageVersion, "config": finalConfig}}.
 * Its hash is sha256 over the RFC 8785 form; its reference is {@code dref:<32 hex>-<name>}.
 *
 * @param stage the stage name
 * @param version the stage version (bumped when its build logic changes results)
 * @param config the final config, dependencies as {@code dref:} strings
 */
public record Derivation(String stage, int version, Config config) {
    public Derivation {
        Names.checkStageName(stage);
        if (config == null) {
            throw new IllegalArgumentException("a derivation needs a config");
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("stage", stage);
        o.put("version", version);
        o.set("config", config.toJson());
        return o;
    }

    public static Derivation fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("stage").isTextual()
                || !node.path("version").isIntegralNumber() || !node.path("config").isObject()) {
            throw new StagedmlException("not a derivation document: " + node);
        }
        return new Derivation(node.get("stage").textValue(), node.get("version").intValue(),
                Config.of((ObjectNode) node.get("config")));
    }

    public static Derivation parse(String json) {
        try {
            return fromJson(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new StagedmlException("derivation document is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Full hex sha256 of the canonical document. */
    public String hash() {
        return CanonicalJson.sha256(toJson());
    }

    public DRef dref() {
        return new DRef(hash().substring(0, 32), stage);
    }
}
