package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.stage.Dependency;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.BertStages;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * The {@code bert} dependency of a features stage, from its fields {@code model}, {@code bert_stage}
 * and {@code bert_overrides}: a pretrained checkpoint or a random init whose vocabulary tokenizes.
 */
final class BertDependency {
    static final String FIELD = "bert";
    static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.choice("model", "base", PretrainedModel.keys(), "the pretrained BERT whose vocabulary to use (bert-checkpoint)"),
            FieldSpec.choice("bert_stage", BertCheckpointStage.NAME, List.of(BertCheckpointStage.NAME, BertRandomInitStage.NAME),
                    "where the vocabulary comes from: a pretrained checkpoint, or a random init"),
            new FieldSpec("bert_overrides", FieldType.JSON, JsonNodeFactory.instance.objectNode(), List.of(),
                    "more config for the bert dependency, a JSON object (e.g. {\"hidden_size\":64} for bert-random-init)"));

    private BertDependency() {
    }

    /** The dependency ({@link BertStages#dependency}); {@code stage} names the features stage in errors. */
    static Dependency of(Config config, String stage) {
        return BertStages.dependency(config, stage);
    }

    /**
     * The tokenizer of the bert realization's vocabulary (do_lower_case from its model.json), after
     * checking that {@code maxSeqLength} fits the model's position embeddings.
     */
    static FullTokenizer tokenizer(Path bert, int maxSeqLength, String stage) throws IOException {
        boolean lower = GlueFeaturesStage.doLowerCase(bert);
        JsonNode bertConfig = JsonFiles.read(bert.resolve(BertLayout.CONFIG));
        int maxPositions = bertConfig.path("max_position_embeddings").asInt(Integer.MAX_VALUE);
        if (maxSeqLength > maxPositions) {
            throw new ConfigException("stage '" + stage + "': max_seq_length " + maxSeqLength
                    + " exceeds the model's max_position_embeddings " + maxPositions + "; lower it");
        }
        return new FullTokenizer(bert.resolve(BertLayout.VOCAB), lower);
    }
}
