package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.dataset.bert.BertLayout;

/** Writes a randomly initialised BERT in the normalized checkpoint layout ({@link BertLayout}). */
final class RandomCheckpoint {
    private RandomCheckpoint() {
    }

    /** Writes every file of the layout into {@code out}; returns the number of parameters. */
    static long write(Path out, BertConfig config, List<String> vocab, boolean doLowerCase, long seed) throws IOException {
        if (vocab.size() != config.vocabSize()) {
            throw new IllegalArgumentException("vocab has " + vocab.size() + " tokens, config says " + config.vocabSize());
        }
        JsonFiles.write(out.resolve(BertLayout.CONFIG), config.toJson());
        Files.writeString(out.resolve(BertLayout.VOCAB), String.join("\n", vocab) + "\n", StandardCharsets.UTF_8);
        RandomBertWeights weights = new RandomBertWeights(config, seed);
        CheckpointWriter.write(out.resolve(BertLayout.CHECKPOINT_PREFIX), weights);
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("model", "random-init");
        model.put("do_lower_case", doLowerCase);
        model.put("seed", seed);
        model.put("parameters", weights.parameters());
        model.set("config", config.toJson());
        JsonFiles.write(out.resolve(BertLayout.MODEL_JSON), model);
        return weights.parameters();
    }
}
