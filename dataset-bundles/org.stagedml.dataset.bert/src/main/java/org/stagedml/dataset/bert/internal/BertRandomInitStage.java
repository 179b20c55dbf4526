package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertLayout;

/**
 * {@code bert-random-init hidden_size=... num_hidden_layers=... vocab=...}: a BERT of any size with
 * BERT's random initial weights (truncated normal, stddev 0.02; seeded), written through TensorFlow
 * as a checkpoint under Google's variable names, in the same layout as {@code bert-checkpoint}: for
 * tests, and for training from scratch. {@code vocab} is a vocabulary size (a synthetic vocabulary:
 * special tokens, printable ASCII, [unusedN]) or a JSON list of tokens.
 */
@Component(service = Stage.class)
@StageProperties(name = BertRandomInitStage.NAME, version = 1,
        description = "a BERT checkpoint of any size with random weights, in bert-checkpoint's layout")
public class BertRandomInitStage implements Stage {
    public static final String NAME = "bert-random-init";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer("hidden_size", 128, "width of every layer"),
            FieldSpec.integer("num_hidden_layers", 2, "number of transformer layers"),
            FieldSpec.integer("num_attention_heads", 2, "attention heads (hidden_size must be a multiple)"),
            FieldSpec.integer("intermediate_size", 512, "width of the feed-forward layer"),
            FieldSpec.integer("max_position_embeddings", 512, "longest input sequence the model takes"),
            FieldSpec.integer("type_vocab_size", 2, "number of segment ids"),
            new FieldSpec("vocab", FieldType.JSON, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(1024), List.of(),
                    "vocabulary: a size (synthetic tokens) or a JSON list of tokens including [UNK], [CLS], [SEP], [PAD]"),
            FieldSpec.bool("do_lower_case", true, "whether the tokenizer lower-cases (recorded in model.json)"),
            FieldSpec.integer("seed", 1, "random seed; the same seed writes the same bytes"));

    /** Only to order activation after the TensorFlow engine, whose natives the build uses. */
    @Reference(target = Engine.TENSORFLOW_TARGET)
    private Engine engine;

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public java.util.Map<String, org.stagedml.api.stage.Dependency> dependencies(Config config) {
        bertConfig(config, vocab(config));
        return java.util.Map.of();
    }

    @Override
    public List<String> provides() {
        return List.of(BertLayout.LAYOUT);
    }

    @Override
    public List<String> promises(Config config) {
        return BertLayout.FILES;
    }

    @Override
    public Resources resources(Config config) {
        BertConfig c = bertConfig(config, vocab(config));
        long params = new RandomBertWeights(c, 0).parameters();
        return new Resources(1, 0, Math.max(0, params * 8 / (1 << 20)));
    }

    static List<String> vocab(Config config) {
        JsonNode v = config.get("vocab").orElseThrow();
        boolean lower = config.getBoolean("do_lower_case");
        try {
            if (v.isIntegralNumber()) {
                return SyntheticVocab.ofSize(v.intValue(), lower);
            }
            if (v.isArray()) {
                List<String> tokens = new ArrayList<>();
                for (JsonNode t : v) {
                    if (!t.isTextual()) {
                        throw new ConfigException("vocab lists tokens as strings, got " + t);
                    }
                    tokens.add(t.textValue());
                }
                return SyntheticVocab.checked(tokens);
            }
        } catch (ConfigException e) {
            throw new ConfigException("stage '" + NAME + "': " + e.getMessage());
        }
        throw new ConfigException("stage '" + NAME + "': vocab must be a size (e.g. 1024) or a JSON list of tokens, got " + v);
    }

    static BertConfig bertConfig(Config c, List<String> vocab) {
        try {
            return new BertConfig(vocab.size(), c.getInt("hidden_size"), c.getInt("num_hidden_layers"),
                    c.getInt("num_attention_heads"), c.getInt("intermediate_size"), c.getInt("max_position_embeddings"),
                    c.getInt("type_vocab_size"));
        } catch (ConfigException e) {
            throw new ConfigException("stage '" + NAME + "': " + e.getMessage());
        }
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        List<String> vocab = vocab(c);
        BertConfig config = bertConfig(c, vocab);
        b.checkCancelled();
        b.progress(0, "writing " + config.numHiddenLayers() + " layers of width " + config.hiddenSize());
        long params = RandomCheckpoint.write(b.out(), config, vocab, c.getBoolean("do_lower_case"), c.getLong("seed"));
        b.log("wrote " + params + " random parameters");
        b.progress(1, params + " parameters");
    }
}
