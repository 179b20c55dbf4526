package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.LocalInput;

/**
 * Puts local inputs into a config the Nix way: each {@link FieldType#PATH} field naming a local file
 * or folder becomes its absolute path, and its content hash goes under
 * {@link LocalInput#hashField} (a hash the user gave there must match). URLs and empty values are
 * left alone: a URL needs a published checksum, which the stage asks for in its own field.
 */
final class LocalPaths {
    private LocalPaths() {
    }

    static Config hash(String stage, ConfigSchema schema, Config config) {
        ObjectNode o = null;
        for (FieldSpec f : schema.fields()) {
            if (f.type() != FieldType.PATH) {
                continue;
            }
            JsonNode v = config.get(f.name()).orElse(null);
            if (v == null || !v.isTextual() || v.textValue().isBlank() || LocalInput.isUrl(v.textValue())) {
                continue;
            }
            Path p = Path.of(v.textValue()).toAbsolutePath().normalize();
            String hash;
            try {
                hash = LocalInput.sha256(p);
            } catch (ConfigException e) {
                throw new ConfigException("stage '" + stage + "', config field '" + f.name() + "': " + e.getMessage()
                        + "; give an existing local file or folder, or a URL");
            }
            String hashField = LocalInput.hashField(f.name());
            JsonNode given = config.get(hashField).orElse(null);
            if (given != null && given.isTextual() && !given.textValue().isBlank()
                    && !given.textValue().equalsIgnoreCase(hash)) {
                throw new ConfigException("stage '" + stage + "': " + hashField + "=" + given.textValue()
                        + " but " + p + " has sha256 " + hash + "; for a local file leave " + hashField
                        + " out (it is computed)");
            }
            if (o == null) {
                o = config.toJson();
            }
            o.put(f.name(), p.toString());
            o.put(hashField, hash);
        }
        return o == null ? config : Config.of(o);
    }
}
