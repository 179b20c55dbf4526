package org.stagedml.model.transformer.internal;

import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.DataLayouts;

/**
 * The settings of one {@code transformer} build. Defaults are official/transformer's base
 * parameters (batch of 2048 tokens, max_length 256, learning_rate 2.0 with 16000 warmup steps, label
 * smoothing 0.1, dropout 0.1, beam 4, alpha 0.6).
 *
 * @param batchTokens tokens per training batch (source or target, the longer): batches hold more
 *     short pairs than long ones
 * @param maxLength the longest source or target (subtokens with EOS) trained on; longer pairs are
 *     left out; also the longest decoded output
 * @param learningRate the multiplier of the Noam schedule ({@link NoamSchedule})
 */
public record TransformerSettings(TransformerSize size, int epochs, int batchTokens, int maxLength, double learningRate,
        int warmupSteps, double labelSmoothing, double dropout, int beamSize, double alpha, long seed) {
    public static final String DATA = "data";
    public static final String VOCAB = "vocab";
    public static final String DEFAULT_VOCAB = "subword-vocab";

    public static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.stage(DATA, "nl2bash", List.of(DataLayouts.PARALLEL_JSONL),
                    "the parallel corpus: nl2bash, wmt (with data.pair=...), or any stage writing parallel-jsonl"),
            FieldSpec.stage(VOCAB, DEFAULT_VOCAB, List.of(DataLayouts.SUBWORD_VOCAB),
                    "the subword vocabulary; subword-vocab is built from the same data (the data field is handed to it)"),
            FieldSpec.choice("size", "base", TransformerSize.names(), "tiny (2 layers, width 64), base (6, 512) or big (6, 1024)"),
            FieldSpec.integer("epochs", 10, "passes over the training pairs; dev BLEU after each"),
            FieldSpec.integer("batch_tokens", 2048, "tokens per training batch (pairs of similar length batched together)"),
            FieldSpec.integer("max_length", 256, "longest source or target in subtokens; longer training pairs are left out"),
            FieldSpec.number("learning_rate", 2.0, "multiplier of the Noam schedule d^-0.5 * min(step^-0.5, step * warmup^-1.5)"),
            FieldSpec.integer("warmup_steps", 16000, "steps of the schedule's linear warmup"),
            FieldSpec.number("label_smoothing", 0.1, "label smoothing of the cross-entropy (0 = none)"),
            FieldSpec.number("dropout", 0.1, "dropout on residuals, attention weights and the ReLU layer (the paper's big: 0.3)"),
            FieldSpec.integer("beam_size", 4, "beam width of decoding (1 = greedy)"),
            FieldSpec.number("alpha", 0.6, "length penalty ((5 + length) / 6)^alpha of the beam search"),
            FieldSpec.integer("seed", 1, "seed of the initialisation, the batch order and the dropout masks (build instance i uses seed+i)"));

    public TransformerSettings {
        check(epochs >= 1, "epochs must be at least 1, got " + epochs);
        check(maxLength >= 2, "max_length must be at least 2, got " + maxLength);
        check(batchTokens >= maxLength, "batch_tokens (" + batchTokens + ") must be at least max_length (" + maxLength
                + "), or the longest pairs fit in no batch");
        check(learningRate > 0, "learning_rate must be positive, got " + learningRate);
        check(warmupSteps >= 1, "warmup_steps must be at least 1, got " + warmupSteps);
        check(labelSmoothing >= 0 && labelSmoothing < 1, "label_smoothing must be in [0, 1), got " + labelSmoothing);
        check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        check(beamSize >= 1, "beam_size must be at least 1, got " + beamSize);
        check(alpha >= 0, "alpha must not be negative, got " + alpha);
    }

    public static TransformerSettings from(Config c, int instance) {
        return new TransformerSettings(TransformerSize.of(c.getString("size")), c.getInt("epochs"), c.getInt("batch_tokens"),
                c.getInt("max_length"), c.getDouble("learning_rate"), c.getInt("warmup_steps"), c.getDouble("label_smoothing"),
                c.getDouble("dropout"), c.getInt("beam_size"), c.getDouble("alpha"), c.getLong("seed") + instance);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("transformer: " + message);
        }
    }
}
