package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.stage.Dependency;

/**
 * Dependencies chosen by the config: a {@link FieldType#STAGE} field names the stage that fills the
 * dependency of the same name. The stage's own {@code dependencies()} may give that dependency
 * overrides (it must then name the chosen stage); otherwise the chosen stage is instantiated with the
 * user's dotted overrides alone. The chosen stage must exist and provide a layout the field accepts.
 */
final class StageChoice {
    private StageChoice() {
    }

    /** The stage's dependencies with every STAGE field's dependency added or checked. */
    static Map<String, Dependency> complete(String stage, ConfigSchema schema, Config config,
            Map<String, Dependency> declared, StageRegistry registry) {
        Map<String, Dependency> deps = new LinkedHashMap<>(declared);
        for (FieldSpec f : schema.fields()) {
            if (f.type() != FieldType.STAGE) {
                continue;
            }
            String chosen = config.getString(f.name());
            Dependency d = deps.get(f.name());
            if (d == null) {
                deps.put(f.name(), Dependency.on(chosen));
            } else if (!d.stage().equals(chosen)) {
                throw new org.stagedml.api.StagedmlException("stage '" + stage + "' asks for stage '" + d.stage()
                        + "' under field '" + f.name() + "', but the config chose '" + chosen + "'");
            }
            check(stage, f, chosen, registry);
        }
        return deps;
    }

    /**
     * The user's dotted overrides of STAGE field F, re-keyed {@code F.key}, for another dependency the
     * stage hands its choice to (its overrides hold {@code F=<the chosen stage>}): so
     * {@code bert-finetune-glue data=text-classification data.train=/x.csv} reaches the
     * text-classification inside glue-features, and the stage's own {@code data} dependency and the
     * one under features are the same derivation. Empty for the field's own dependency.
     */
    static Map<String, Object> forwarded(ConfigSchema schema, Config config, String dependency, Dependency dep,
            Map<String, Map<String, Object>> routed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldSpec f : schema.fields()) {
            Map<String, Object> user = routed.get(f.name());
            if (f.type() != FieldType.STAGE || f.name().equals(dependency) || user == null
                    || !config.getString(f.name()).equals(dep.overrides().get(f.name()))) {
                continue;
            }
            user.forEach((k, v) -> out.put(f.name() + "." + k, v));
        }
        return out;
    }

    /** Whether a field is a STAGE field (its config value is replaced by the dependency's dref). */
    static boolean isChoice(ConfigSchema schema, String field) {
        return schema.field(field).map(f -> f.type() == FieldType.STAGE).orElse(false);
    }

    private static void check(String stage, FieldSpec f, String chosen, StageRegistry registry) {
        RegisteredStage target;
        try {
            target = registry.get(chosen);
        } catch (StageNotFoundException e) {
            throw new ConfigException("stage '" + stage + "': " + f.name() + "=" + chosen + " names no registered stage"
                    + candidates(f, registry) + " (stage:list shows what is registered)");
        }
        if (f.allowed().isEmpty()) {
            return;
        }
        List<String> provides = target.stage().provides();
        if (provides.stream().noneMatch(f.allowed()::contains)) {
            throw new ConfigException("stage '" + stage + "': " + f.name() + "=" + chosen + " cannot fill field '"
                    + f.name() + "': it accepts " + f.allowed() + " but '" + chosen + "' provides "
                    + (provides.isEmpty() ? "no declared layout" : provides) + candidates(f, registry));
        }
    }

    /** ", stages that fit: a, b" for an error message. */
    private static String candidates(FieldSpec f, StageRegistry registry) {
        if (f.allowed().isEmpty()) {
            return "";
        }
        List<String> fit = new ArrayList<>();
        for (RegisteredStage rs : registry.stages()) {
            try {
                if (rs.stage().provides().stream().anyMatch(f.allowed()::contains)) {
                    fit.add(rs.name());
                }
            } catch (RuntimeException e) {
                // a stage that cannot activate is no candidate
            }
        }
        return fit.isEmpty() ? "" : "; stages that fit: " + String.join(", ", fit);
    }
}
