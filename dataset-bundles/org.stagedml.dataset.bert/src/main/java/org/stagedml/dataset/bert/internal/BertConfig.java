package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stagedml.api.ConfigException;

/** The hyper-parameters of a BERT encoder, as in Google's {@code bert_config.json}. */
record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
        int intermediateSize, int maxPositionEmbeddings, int typeVocabSize) {

    BertConfig {
        positive("vocab size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ConfigException("hidden_size " + hiddenSize + " must be a multiple of num_attention_heads "
                    + numAttentionHeads + "; change one of them");
        }
    }

    private static void positive(String field, long v) {
        if (v < 1) {
            throw new ConfigException(field + " must be at least 1, got " + v);
        }
    }

    /** Google's bert_config.json, with BERT's defaults for the fields a random init does not choose. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("attention_probs_dropout_prob", 0.1);
        o.put("hidden_act", "gelu");
        o.put("hidden_dropout_prob", 0.1);
        o.put("hidden_size", hiddenSize);
        o.put("initializer_range", 0.02);
        o.put("intermediate_size", intermediateSize);
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("type_vocab_size", typeVocabSize);
        o.put("vocab_size", vocabSize);
        return o;
    }
}
