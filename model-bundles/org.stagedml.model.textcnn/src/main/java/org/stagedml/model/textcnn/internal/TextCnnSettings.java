package org.stagedml.model.textcnn.internal;

import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;

/**
 * The settings of one {@code textcnn-glue} build.
 *
 * @param maxLen tokens per example (a pair: first sentence, [SEP], second sentence)
 * @param vocab vocabulary size, built from the training split
 * @param embed embedding width
 * @param filters 1-D convolution filters (kernel width 3)
 * @param dropout dropout probability before the output layer
 */
public record TextCnnSettings(int epochs, int batch, double lr, long seed, int maxLen, int vocab, int embed,
        int filters, double dropout) {
    /** GLUE's classification tasks (STS-B is regression). */
    public static final List<String> TASKS = List.of("CoLA", "SST-2", "MRPC", "QQP", "MNLI", "QNLI", "RTE", "WNLI");

    public static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.stage("data", "glue", List.of(org.stagedml.api.stage.DataLayouts.GLUE_JSONL),
                    "the dataset stage: glue (with task), or text-classification (data.train=<your file>)"),
            FieldSpec.choice("task", "SST-2", TASKS, "the GLUE classification task (data=glue)"),
            FieldSpec.integer("epochs", 3, "passes over the training split"),
            FieldSpec.integer("batch", 64, "minibatch size"),
            FieldSpec.number("lr", 1e-3, "Adam learning rate"),
            FieldSpec.integer("seed", 42, "seed of init, dropout and shuffling (build instance i uses seed+i)"),
            FieldSpec.integer("max_len", 64, "tokens per example; pairs are joined with [SEP]"),
            FieldSpec.integer("vocab", 20000, "vocabulary size (most frequent training tokens)"),
            FieldSpec.integer("embed", 64, "embedding width"),
            FieldSpec.integer("filters", 128, "filters of the width-3 convolution"),
            FieldSpec.number("dropout", 0.5, "dropout probability before the output layer (0 = none)"));

    public TextCnnSettings {
        check(epochs >= 1 && batch >= 1, "epochs and batch must be at least 1");
        check(lr > 0 && lr < 10, "lr must be in (0, 10), got " + lr);
        check(maxLen >= 3 && vocab >= 4 && embed >= 1 && filters >= 1, "max_len >= 3, vocab >= 4, embed and filters >= 1");
        check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    public static TextCnnSettings from(Config c, int instance) {
        return new TextCnnSettings(c.getInt("epochs"), c.getInt("batch"), c.getDouble("lr"), c.getLong("seed") + instance,
                c.getInt("max_len"), c.getInt("vocab"), c.getInt("embed"), c.getInt("filters"), c.getDouble("dropout"));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("textcnn-glue: " + message);
        }
    }
}
