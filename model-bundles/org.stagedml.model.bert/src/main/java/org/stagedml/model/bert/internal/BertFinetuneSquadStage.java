package org.stagedml.model.bert.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.dataset.bert.BertChoice;
import org.stagedml.dataset.bert.BertLayout;

/**
 * {@code bert-finetune-squad model=base}: fine-tunes BERT on SQuAD 1.1 (run_squad.py in TensorFlow
 * Java; defaults of BERT's README for BERT-base: lr 3e-5, batch 12, 2 epochs, max_seq_length 384,
 * doc_stride 128). Dependencies: {@code features} (squad-features for the model and window sizes)
 * and {@code bert} (the stage its {@code bert} field chooses, {@link BertChoice}: the same derivation
 * squad-features tokenized with, so vocabulary and weights agree). Writes metrics.json (dev
 * {@code exact_match} and {@code f1} as the official evaluate-v1.1.py, loss, speed), history.jsonl
 * (per step; per epoch the dev scores), predictions.json, nbest_predictions.json, the fine-tuned
 * checkpoint in bert-checkpoint's layout, TensorBoard events and training_curves.png.
 */
@Component(service = Stage.class, configurationPid = BertFinetuneGlueStage.PID,
        property = BertFinetuneGlueStage.CHECKPOINT_STEPS + ":Integer=" + BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS)
@StageProperties(name = BertFinetuneSquadStage.NAME, version = 1,
        description = "fine-tunes BERT (TensorFlow) on SQuAD 1.1: span head, AdamW, official exact match and F1 per epoch")
public class BertFinetuneSquadStage implements Stage {
    public static final String NAME = "bert-finetune-squad";
    static final String FEATURES = "features";
    static final String BERT = BertChoice.FIELD;
    private static final ConfigSchema SCHEMA = BertChoice.withOldNames(ConfigSchema.of(
            BertFinetuneGlueStage.MODEL, BertFinetuneGlueStage.BERT_FIELD,
            FieldSpec.number("lr", 3e-5, "peak learning rate of AdamW"),
            FieldSpec.integer("batch", 12, "training batch size (windows)"),
            FieldSpec.integer("epochs", 2, "passes over the training windows"),
            FieldSpec.integer("max_seq_length", 384, "word pieces per window (squad-features)"),
            FieldSpec.integer("doc_stride", 128, "stride of the windows over long contexts (squad-features)"),
            FieldSpec.integer("max_query_length", 64, "word pieces of a question kept (squad-features)"),
            FieldSpec.number("warmup", 0.1, "fraction of the steps with a linear warmup of the learning rate, then linear decay to 0"),
            FieldSpec.number("weight_decay", 0.01, "AdamW weight decay (not on LayerNorm and biases)"),
            FieldSpec.number("dropout", 0.1, "dropout rate in the encoder while training"),
            FieldSpec.integer("seed", 1, "seed of the head's init, the shuffle and the dropout masks"),
            FieldSpec.integer("eval_batch", 32, "batch size for predicting dev"),
            FieldSpec.integer("n_best_size", 20, "start and end candidates per window, and answers kept in nbest_predictions.json"),
            FieldSpec.integer("max_answer_length", 30, "longest answer predicted, in word pieces")));

    @Reference(target = Engine.TENSORFLOW_TARGET, cardinality = ReferenceCardinality.MANDATORY)
    private Engine engine;

    private volatile int checkpointSteps = BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS;

    public BertFinetuneSquadStage() {
    }

    /** Outside OSGi (tests, embedding): without an engine, computes on the CPU. */
    BertFinetuneSquadStage(Engine engine) {
        this.engine = engine;
    }

    /** The fine-tuning PID's checkpointSteps, as for bert-finetune-glue. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        checkpointSteps = CheckpointSteps.of(BertFinetuneGlueStage.PID, properties);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("f1", 1, true);
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        settings(c);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("model", c.getString("model"));
        // handing squad-features the choice also hands it the user's bert.* overrides (the realizer's
        // StageChoice): its bert dependency and ours are then the same derivation
        features.put(BERT, c.getString(BERT));
        for (String f : List.of("max_seq_length", "doc_stride", "max_query_length")) {
            features.put(f, c.getLong(f));
        }
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(FEATURES, Dependency.on("squad-features", features));
        BertChoice.addDependency(c, deps);
        return deps;
    }

    static FineTuneSettings settings(Config c) {
        FineTuneSettings s = BertFinetuneGlueStage.settings(c, NAME);
        if (c.getLong("n_best_size") < 1 || c.getLong("max_answer_length") < 1) {
            throw new ConfigException("stage '" + NAME + "': n_best_size and max_answer_length must be at least 1, got "
                    + c.getLong("n_best_size") + " and " + c.getLong("max_answer_length"));
        }
        return s;
    }

    @Override
    public Resources resources(Config config) {
        return BertFinetuneGlueStage.resourcesFor(config);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", SquadFineTuner.PREDICTIONS, SquadFineTuner.NBEST, FineTuner.CURVES,
                BertLayout.CHECKPOINT_INDEX, BertLayout.CHECKPOINT_DATA, BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.MODEL_JSON);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        FineTuneSettings s = settings(c);
        FineTuner tuner = new FineTuner(s, BertFinetuneGlueStage.gpuIndex(engine, b), BertFinetuneGlueStage.sink(b))
                .withCheckpoint(b.checkpoint(), checkpointSteps);
        Map<String, Double> metrics = new SquadFineTuner(s, tuner, c.getInt("n_best_size"), c.getInt("max_answer_length"))
                .run(b.dependencyPath(BERT), b.dependencyPath(FEATURES), b.out());
        if (tuner.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, tuner.resumedFrom());
        }
        b.writeMetrics(metrics);
        b.progress(1, "done: " + metrics);
    }
}
