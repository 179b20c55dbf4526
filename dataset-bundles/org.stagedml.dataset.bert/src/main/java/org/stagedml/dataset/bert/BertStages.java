package org.stagedml.dataset.bert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.stage.Dependency;

/**
 * The {@code bert} dependency of a stage that tokenizes for, or fine-tunes, a BERT checkpoint, from
 * its config fields {@code bert_stage} ({@code bert-checkpoint} or {@code bert-random-init}),
 * {@code model} (the pretrained model, for bert-checkpoint) and {@code bert_overrides} (a JSON
 * object of more config for the bert stage). A features stage and the model stage reading its
 * features build the same derivation, so the vocabulary matches the weights.
 */
public final class BertStages {
    public static final String CHECKPOINT = "bert-checkpoint";
    public static final String RANDOM_INIT = "bert-random-init";

    private BertStages() {
    }

    /** The dependency; {@code stage} names the depending stage in errors. */
    public static Dependency dependency(Config config, String stage) {
        String bertStage = config.getString("bert_stage");
        Map<String, Object> bert = new LinkedHashMap<>();
        if (bertStage.equals(CHECKPOINT)) {
            bert.put("model", config.getString("model"));
        }
        JsonNode extra = config.get("bert_overrides").orElseThrow();
        if (!extra.isObject()) {
            throw new ConfigException("stage '" + stage + "': bert_overrides must be a JSON object, got " + extra);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            bert.put(e.getKey(), e.getValue());
        }
        return Dependency.on(bertStage, bert);
    }
}
