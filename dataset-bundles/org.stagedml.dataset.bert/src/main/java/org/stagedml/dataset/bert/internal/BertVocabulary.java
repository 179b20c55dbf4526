package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.api.ConfigException;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * The tokenizer of a bert dependency's realization (bert-checkpoint, bert-random-init), as the
 * features stages (glue-features, squad-features) read it: its vocabulary, do_lower_case from its
 * model.json, and the check that the inputs fit its position embeddings.
 */
final class BertVocabulary {
    /** The field model: the pretrained BERT (bert-checkpoint) whose vocabulary the features stage uses. */
    static final FieldSpec MODEL = FieldSpec.choice("model", "base", PretrainedModel.keys(),
            "the pretrained BERT whose vocabulary to use (bert-checkpoint)");

    private BertVocabulary() {
    }

    /**
     * The tokenizer of the bert realization's vocabulary, after checking that {@code maxSeqLength}
     * fits the model's max_position_embeddings; {@code stage} names the features stage in errors.
     */
    static FullTokenizer tokenizer(Path bert, int maxSeqLength, String stage) throws IOException {
        boolean lower = doLowerCase(bert);
        JsonNode bertConfig = JsonFiles.read(bert.resolve(BertLayout.CONFIG));
        int maxPositions = bertConfig.path("max_position_embeddings").asInt(Integer.MAX_VALUE);
        if (maxSeqLength > maxPositions) {
            throw new ConfigException("stage '" + stage + "': max_seq_length " + maxSeqLength
                    + " exceeds the model's max_position_embeddings " + maxPositions + "; lower it");
        }
        return new FullTokenizer(bert.resolve(BertLayout.VOCAB), lower);
    }

    /** do_lower_case from model.json; a layout without one is refused rather than guessed. */
    static boolean doLowerCase(Path bert) throws IOException {
        Path model = bert.resolve(BertLayout.MODEL_JSON);
        if (!Files.isRegularFile(model)) {
            throw new StagedmlException("the bert dependency " + bert + " has no " + BertLayout.MODEL_JSON
                    + "; it must be a bert-checkpoint or bert-random-init realization");
        }
        JsonNode lower = JsonFiles.read(model).get("do_lower_case");
        if (lower == null || !lower.isBoolean()) {
            throw new StagedmlException(BertLayout.MODEL_JSON + " of " + bert + " has no boolean do_lower_case");
        }
        return lower.booleanValue();
    }
}
