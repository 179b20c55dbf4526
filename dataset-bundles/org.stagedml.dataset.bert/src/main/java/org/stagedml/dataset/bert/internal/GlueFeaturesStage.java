package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertChoice;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * {@code glue-features task=MRPC model=base max_seq_length=128}: a GLUE task (dependency
 * {@code data}: {@code glue} by default, or any stage writing the glue-jsonl layout, e.g.
 * {@code data=text-classification data.train=/x.csv}) as BERT inputs for a checkpoint's vocabulary (dependency
 * {@code bert}, chosen the same way: {@code bert-checkpoint} by default, or e.g. {@code bert=bert-random-init
 * bert.hidden_size=64}; see {@link BertChoice}); train is shuffled
 * with {@code seed} and {@code valid_fraction} of it held out as valid. Writes train.tfrecord,
 * valid.tfrecord, dev.tfrecord, test.tfrecord (tf.train.Example, see
 * {@link org.stagedml.dataset.bert.InputFeatures}) and features.json.
 */
@Component(service = Stage.class)
// version 2: the dataset comes from the stage named by field data (glue by default; was always glue), the
// checkpoint from the stage named by field bert (was bert_stage and bert_overrides, still accepted as aliases)
@StageProperties(name = GlueFeaturesStage.NAME, version = 2,
        description = "a GLUE task as BERT inputs (TFRecord of tf.train.Example): train/valid split, dev, test")
public class GlueFeaturesStage implements Stage {
    public static final String NAME = "glue-features";
    /** The config field choosing the dataset stage (glue by default) and the dependency it fills. */
    public static final String DATA = "data";
    static final String GLUE = "glue";
    static final String BERT = BertChoice.FIELD;
    private static final ConfigSchema SCHEMA = BertChoice.withOldNames(ConfigSchema.of(
            FieldSpec.string("task", "MRPC", "the GLUE task (as the glue stage names it; used when data=glue)"),
            FieldSpec.stage(DATA, GLUE, List.of(DataLayouts.GLUE_JSONL),
                    "the stage of the labelled texts: glue (task), or e.g. text-classification with data.train=..."),
            BertVocabulary.MODEL,
            BertChoice.field("vocabulary"),
            FieldSpec.integer("max_seq_length", 128, "tokens per input, [CLS] and [SEP]s included; longer inputs are cut"),
            FieldSpec.integer("seed", 1, "seed of the train shuffle (and so of the train/valid split)"),
            FieldSpec.number("valid_fraction", 0.1, "fraction of train held out as valid, in [0, 1)")));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        Map<String, Dependency> deps = new LinkedHashMap<>();
        // glue gets the task; any other stage is filled by the realizer with the user's data.* overrides
        if (config.getString(DATA).equals(GLUE)) {
            deps.put(DATA, Dependency.on(GLUE, Map.of("task", config.getString("task"))));
        }
        BertChoice.addDependency(config, deps);
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
        FullTokenizer tokenizer = BertVocabulary.tokenizer(b.dependencyPath(BERT), maxSeqLength, NAME);
        boolean lower = tokenizer.doLowerCase();
        GlueTask task = GlueTask.open(b.dependencyPath(DATA));
        b.log("tokenizing " + task.task + " (do_lower_case=" + lower + ", max_seq_length=" + maxSeqLength + ")");
        ObjectNode features = new FeatureWriter(task, tokenizer, maxSeqLength, c.getLong("seed"),
                c.getDouble("valid_fraction"), b::cancelled, b::progress).write(b.out());
        b.log("wrote " + features.get("counts") + ", " + features.get("truncated") + " cut to fit");
    }
}
