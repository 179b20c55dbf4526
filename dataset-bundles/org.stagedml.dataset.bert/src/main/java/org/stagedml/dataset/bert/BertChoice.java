package org.stagedml.dataset.bert;

import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.DRef;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.Dependency;

/**
 * The field {@code bert} of a stage that needs a BERT checkpoint: a STAGE field naming the stage that
 * fills dependency {@code bert} (any stage {@linkplain org.stagedml.api.stage.Stage#provides() providing}
 * {@link BertLayout#LAYOUT}), {@code bert-checkpoint} by default with the stage's field {@code model};
 * {@code bert.<key>=...} reaches into it ({@code bert=bert-random-init bert.hidden_size=64}). The old
 * fields stay accepted: {@code bert_stage=X} is {@code bert=X}, {@code bert_overrides={"k":v}} is
 * {@code bert.k=v}.
 */
public final class BertChoice {
    /** The field and the dependency it fills. */
    public static final String FIELD = "bert";
    /** The default: Google's pretrained checkpoints, chosen by the stage's field {@code model}. */
    public static final String CHECKPOINT_STAGE = "bert-checkpoint";
    /** The old name of {@link #FIELD}. */
    public static final String OLD_STAGE_FIELD = "bert_stage";
    /** The old JSON object of more config for the bert dependency, now {@code bert.*}. */
    public static final String OLD_OVERRIDES_FIELD = "bert_overrides";

    private BertChoice() {
    }

    /** The STAGE field, documented for {@code stage:show}. */
    public static FieldSpec field(String what) {
        return FieldSpec.stage(FIELD, CHECKPOINT_STAGE, List.of(BertLayout.LAYOUT), "the stage of the BERT " + what
                + ": bert-checkpoint (model=...), or bert-random-init with bert.hidden_size=... (old names: "
                + OLD_STAGE_FIELD + ", and " + OLD_OVERRIDES_FIELD + "={...} for bert.*)");
    }

    /** The schema accepting the old names {@code bert_stage} and {@code bert_overrides}. */
    public static ConfigSchema withOldNames(ConfigSchema schema) {
        return schema.withAlias(OLD_STAGE_FIELD, FIELD).withAlias(OLD_OVERRIDES_FIELD, FIELD + ConfigSchema.SPREAD);
    }

    /**
     * Adds the bert dependency the stage asks for itself: {@code bert-checkpoint} with the config's
     * {@code model}; another chosen stage is filled by the realizer with the user's {@code bert.*}.
     */
    public static void addDependency(Config schemaConfig, Map<String, Dependency> deps) {
        if (schemaConfig.getString(FIELD).equals(CHECKPOINT_STAGE)) {
            deps.put(FIELD, Dependency.on(CHECKPOINT_STAGE, Map.of("model", schemaConfig.getString("model"))));
        }
    }

    /** The chosen stage's name, from a config as given (a name) or as derived (the dependency's dref). */
    public static String stage(Config config) {
        String v = config.getString(FIELD);
        return DRef.isDRef(v) ? DRef.parse(v).name() : v;
    }
}
