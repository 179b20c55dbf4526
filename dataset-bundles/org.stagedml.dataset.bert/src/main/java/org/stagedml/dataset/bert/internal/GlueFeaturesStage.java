package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * {@code glue-features task=MRPC model=base max_seq_length=128}: a GLUE task (dependency
 * {@code glue}) as BERT inputs for a checkpoint's vocabulary (dependency {@code bert}:
 * {@code bert-checkpoint}, or {@code bert-random-init} with {@code bert_stage}); train is shuffled
 * with {@code seed} and {@code valid_fraction} of it held out as valid. Writes train.tfrecord,
 * valid.tfrecord, dev.tfrecord, test.tfrecord (tf.train.Example, see
 * {@link org.stagedml.dataset.bert.InputFeatures}) and features.json.
 */
@Component(service = Stage.class)
@StageProperties(name = GlueFeaturesStage.NAME, version = 1,
        description = "a GLUE task as BERT inputs (TFRecord of tf.train.Example): train/valid split, dev, test")
public class GlueFeaturesStage implements Stage {
    public static final String NAME = "glue-features";
    static final String GLUE = "glue";
    static final String BERT = "bert";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.string("task", "MRPC", "the GLUE task (as the glue stage names it)"),
            BertDependency.FIELDS.get(0), BertDependency.FIELDS.get(1), BertDependency.FIELDS.get(2),
            FieldSpec.integer("max_seq_length", 128, "tokens per input, [CLS] and [SEP]s included; longer inputs are cut"),
            FieldSpec.integer("seed", 1, "seed of the train shuffle (and so of the train/valid split)"),
            FieldSpec.number("valid_fraction", 0.1, "fraction of train held out as valid, in [0, 1)"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(GLUE, Dependency.on("glue", Map.of("task", config.getString("task"))));
        deps.put(BERT, BertDependency.of(config, NAME));
        return deps;
    }

    private static void validate(Config c) {
        if (c.getLong("max_seq_length") < 3) {
            throw new ConfigException("stage '" + NAME + "': max_seq_length must be at least 3, got " + c.getLong("max_seq_length"));
        }
        double f = c.getDouble("valid_fraction");
        if (!(f >= 0 && f < 1)) {
            throw new ConfigException("stage '" + NAME + "': valid_fraction must be in [0, 1), got " + f);
        }
        if (c.getString("task").isBlank()) {
            throw new ConfigException("stage '" + NAME + "': give a GLUE task, e.g. task=MRPC");
        }
    }

    @Override
    public List<String> promises(Config config) {
        return FeatureWriter.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        validate(c);
        int maxSeqLength = c.getInt("max_seq_length");
        FullTokenizer tokenizer = BertDependency.tokenizer(b.dependencyPath(BERT), maxSeqLength, NAME);
        boolean lower = tokenizer.doLowerCase();
        GlueTask task = GlueTask.open(b.dependencyPath(GLUE));
        b.log("tokenizing " + task.task + " (do_lower_case=" + lower + ", max_seq_length=" + maxSeqLength + ")");
        ObjectNode features = new FeatureWriter(task, tokenizer, maxSeqLength, c.getLong("seed"),
                c.getDouble("valid_fraction"), b::cancelled, b::progress).write(b.out());
        b.log("wrote " + features.get("counts") + ", " + features.get("truncated") + " cut to fit");
    }

    /** do_lower_case from model.json; a layout without one is refused rather than guessed. */
    static boolean doLowerCase(Path bert) throws java.io.IOException {
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
