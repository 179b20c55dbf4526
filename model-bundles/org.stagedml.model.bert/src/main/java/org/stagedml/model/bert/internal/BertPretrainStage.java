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
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.dataset.bert.BertChoice;
import org.stagedml.dataset.bert.BertLayout;

/**
 * {@code bert-pretrain text=wikitext bert=bert-random-init}: BERT pre-training (run_pretraining.py in
 * TensorFlow Java): masked LM (output tied to the word embeddings) and next sentence, AdamW with
 * linear warmup and decay, from a random init or continuing a checkpoint (restored by name).
 * Dependencies: {@code data} = bert-pretrain-data, handed this stage's {@code bert} and {@code text}
 * choices (so the records use the checkpoint's vocabulary, and the user's {@code bert.*} and
 * {@code text.*} reach it) and the data fields; {@code bert} and {@code text} = the chosen stages.
 * Writes metrics.json (held-out mlm_accuracy, mlm_loss, nsp_accuracy, nsp_loss, dev_loss of the last
 * epoch; loss = mean train loss), history.jsonl, training_curves.png, TensorBoard events and the
 * pre-trained checkpoint in bert-checkpoint's layout: it provides that layout, so
 * {@code bert-finetune-glue bert=bert-pretrain} fine-tunes it.
 */
@Component(service = Stage.class, configurationPid = BertPretrainStage.PID,
        property = BertFinetuneGlueStage.CHECKPOINT_STEPS + ":Integer=" + BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS)
@StageProperties(name = BertPretrainStage.NAME, version = 1,
        description = "pre-trains BERT (TensorFlow): masked LM and next sentence on text, held-out MLM/NSP accuracy per epoch, a checkpoint")
public class BertPretrainStage implements Stage {
    public static final String NAME = "bert-pretrain";
    /** The configuration of checkpointSteps for pre-training builds (not part of the derivation). */
    public static final String PID = "org.stagedml.model.bert.pretrain";
    /** The stage of the pre-training records and the dependency it fills. */
    static final String DATA_STAGE = "bert-pretrain-data";
    static final String DATA = "data";
    static final String BERT = BertChoice.FIELD;
    static final String TEXT = "text";
    static final String RANDOM_INIT = "bert-random-init";
    /** The fields handed to bert-pretrain-data as they are. */
    static final List<String> DATA_FIELDS = List.of("max_seq_length", "max_predictions_per_seq", "masked_lm_prob", "dupe_factor",
            "short_seq_prob", "whole_word_mask", "dev_fraction", "seed");
    private static final ConfigSchema SCHEMA = BertChoice.withOldNames(ConfigSchema.of(
            FieldSpec.stage(TEXT, "wikitext", List.of(DataLayouts.TEXT_LINES),
                    "the stage of the text (one sentence per line, blank line between documents): wikitext, or text-corpus with text.*"),
            FieldSpec.stage(BERT, RANDOM_INIT, List.of(BertLayout.LAYOUT), "the stage of the starting weights and vocabulary: "
                    + "bert-random-init (from scratch; bert.hidden_size=...), or bert-checkpoint bert.model=base to continue Google's "
                    + "(old names: " + BertChoice.OLD_STAGE_FIELD + ", and " + BertChoice.OLD_OVERRIDES_FIELD + "={...} for bert.*)"),
            FieldSpec.integer("max_seq_length", 128, "tokens per example (bert-pretrain-data)"),
            FieldSpec.integer("max_predictions_per_seq", 20, "masked positions per example (bert-pretrain-data)"),
            FieldSpec.number("masked_lm_prob", 0.15, "fraction of the tokens masked (bert-pretrain-data)"),
            FieldSpec.integer("dupe_factor", 10, "times the text is masked again with other masks (bert-pretrain-data)"),
            FieldSpec.number("short_seq_prob", 0.1, "probability of a shorter example (bert-pretrain-data)"),
            FieldSpec.bool("whole_word_mask", false, "mask whole words, not word pieces (bert-pretrain-data)"),
            FieldSpec.number("dev_fraction", 0.02, "fraction of the documents held out for the MLM/NSP accuracy (bert-pretrain-data)"),
            FieldSpec.number("lr", 1e-4, "peak learning rate of AdamW"),
            FieldSpec.integer("batch", 32, "training batch size"),
            FieldSpec.integer("epochs", 3, "passes over the training examples; held-out metrics after each"),
            FieldSpec.number("warmup", 0.1, "fraction of the steps with a linear warmup of the learning rate, then linear decay to 0"),
            FieldSpec.number("weight_decay", 0.01, "AdamW weight decay (not on LayerNorm and biases)"),
            FieldSpec.number("dropout", 0.1, "dropout rate in the encoder while training"),
            FieldSpec.integer("seed", 1, "seed of the data (masks, pairs, split), the new heads' init, the shuffle and the dropout masks"),
            FieldSpec.integer("eval_batch", 64, "batch size for evaluating the held-out examples")));

    @Reference(target = Engine.TENSORFLOW_TARGET, cardinality = ReferenceCardinality.MANDATORY)
    private Engine engine;

    private volatile int checkpointSteps = BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS;

    public BertPretrainStage() {
    }

    /** Outside OSGi (tests, embedding): without an engine, computes on the CPU. */
    BertPretrainStage(Engine engine) {
        this.engine = engine;
    }

    /** A configuration change applies to the next build. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        checkpointSteps = CheckpointSteps.of(PID, properties);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(BertLayout.LAYOUT);
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best(Pretrainer.DEV_METRIC, 1, true);
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        settings(c);
        Map<String, Object> data = new LinkedHashMap<>();
        // handing bert-pretrain-data the choices also hands it the user's bert.* and text.* (the realizer's
        // StageChoice): its bert and ours are one derivation, so the records use the model's vocabulary
        data.put(BERT, c.getString(BERT));
        data.put(TEXT, c.getString(TEXT));
        for (String f : DATA_FIELDS) {
            data.put(f, c.get(f).orElseThrow());
        }
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(DATA, Dependency.on(DATA_STAGE, data));
        return deps;
    }

    static FineTuneSettings settings(Config c) {
        FineTuneSettings s = BertFinetuneGlueStage.settings(c, NAME);
        check(c.getLong("max_predictions_per_seq") >= 1, "max_predictions_per_seq must be at least 1, got " + c.getLong("max_predictions_per_seq"));
        double p = c.getDouble("masked_lm_prob");
        check(p > 0 && p < 1, "masked_lm_prob must be in (0, 1), got " + p);
        check(c.getLong("dupe_factor") >= 1, "dupe_factor must be at least 1, got " + c.getLong("dupe_factor"));
        double f = c.getDouble("dev_fraction");
        check(f > 0 && f < 1, "dev_fraction must be in (0, 1): the held-out documents give the MLM/NSP accuracy; got " + f);
        return s;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("stage '" + NAME + "': " + message);
        }
    }

    @Override
    public Resources resources(Config config) {
        // as fine-tuning: one GPU preferred, else every processor for TensorFlow's intra-op threads
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", FineTuner.CURVES, BertLayout.CHECKPOINT_INDEX, BertLayout.CHECKPOINT_DATA,
                BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.MODEL_JSON);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        FineTuneSettings s = settings(b.config());
        TrainingSink sink = BertFinetuneGlueStage.sink(b);
        FineTuner tuner = new FineTuner(s, BertFinetuneGlueStage.gpuIndex(engine, b), sink).withCheckpoint(b.checkpoint(), checkpointSteps);
        Map<String, Double> metrics = new Pretrainer(tuner, s, sink).run(b.dependencyPath(BERT), b.dependencyPath(DATA), b.out());
        if (tuner.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, tuner.resumedFrom());
        }
        b.writeMetrics(metrics);
        b.progress(1, "done: " + metrics);
    }
}
