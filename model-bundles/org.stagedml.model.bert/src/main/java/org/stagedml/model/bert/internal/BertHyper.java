package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/** The encoder's hyper-parameters, read from Google's {@code bert_config.json}. */
record BertHyper(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
        int maxPositions, int typeVocabSize) {

    BertHyper {
        if (hiddenSize % numHeads != 0) {
            throw new StagedmlException("bert_config.json: hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numHeads);
        }
    }

    int headSize() {
        return hiddenSize / numHeads;
    }

    static BertHyper read(Path bertConfigJson) throws IOException {
        JsonNode c = Json.mapper().readTree(bertConfigJson.toFile());
        String act = c.path("hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new StagedmlException(bertConfigJson + ": hidden_act '" + act + "' is not supported; only gelu");
        }
        return new BertHyper(req(c, "vocab_size"), req(c, "hidden_size"), req(c, "num_hidden_layers"),
                req(c, "num_attention_heads"), req(c, "intermediate_size"), req(c, "max_position_embeddings"),
                req(c, "type_vocab_size"));
    }

    private static int req(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || !v.canConvertToInt() || v.intValue() < 1) {
            throw new StagedmlException("bert_config.json has no positive integer " + field + ": " + v);
        }
        return v.intValue();
    }
}
