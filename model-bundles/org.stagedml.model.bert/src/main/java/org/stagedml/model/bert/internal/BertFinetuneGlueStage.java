package org.stagedml.model.bert.internal;

import java.io.IOException;
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
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * {@code bert-finetune-glue task=MRPC model=base}: fine-tunes BERT on a GLUE task (run_classifier.py
 * in TensorFlow Java). Dependencies: {@code features} (glue-features for the task, model and
 * max_seq_length, tokenizing the dataset this stage's {@code data} field chooses) and {@code bert} (the
 * stage its {@code bert} field chooses, {@link BertChoice}: the same derivation glue-features tokenized
 * with, so vocabulary and weights agree). Writes metrics.json (dev accuracy, f1 for MRPC/QQP, mcc for CoLA,
 * pearson/spearman for STS-B, loss, train_seconds, examples_per_second), history.jsonl, the fine-tuned
 * checkpoint in bert-checkpoint's layout, TensorBoard events and training_curves.png.
 */
@Component(service = Stage.class, configurationPid = BertFinetuneGlueStage.PID,
        property = BertFinetuneGlueStage.CHECKPOINT_STEPS + ":Integer=" + BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS)
// version 2: the dataset comes from the stage named by field data (glue by default), the checkpoint from the
// stage named by field bert (was bert_stage and bert_overrides, still accepted as aliases); both handed to glue-features
@StageProperties(name = BertFinetuneGlueStage.NAME, version = 2,
        description = "fine-tunes BERT (TensorFlow) on a GLUE task: AdamW, warmup, dev metrics per epoch, fine-tuned checkpoint")
public class BertFinetuneGlueStage implements Stage {
    public static final String NAME = "bert-finetune-glue";
    /**
     * The component's configuration: {@value #CHECKPOINT_STEPS} sets how often a build saves a
     * training checkpoint between epochs (it saves one after every epoch anyway; 0: epochs only).
     * Not part of the derivation: where a build checkpoints never changes its results.
     */
    public static final String PID = "org.stagedml.model.bert.finetune";
    static final String CHECKPOINT_STEPS = CheckpointSteps.PROPERTY;
    static final int DEFAULT_CHECKPOINT_STEPS = CheckpointSteps.DEFAULT;
    static final String FEATURES = "features";
    /** The config field choosing the dataset stage (glue by default). */
    public static final String DATA = "data";
    static final String BERT = BertChoice.FIELD;
    static final String CHECKPOINT_STAGE = BertChoice.CHECKPOINT_STAGE;
    /** model and bert: where a BERT fine-tuning stage's weights come from (shared with bert-finetune-squad). */
    static final FieldSpec MODEL = FieldSpec.choice("model", "base", List.of("mini", "base", "large", "multi-cased", "rubert-cased"),
            "the pretrained BERT (bert-checkpoint)");
    static final FieldSpec BERT_FIELD = BertChoice.field("weights (bert-random-init: training from scratch, tests)");
    private static final ConfigSchema SCHEMA = BertChoice.withOldNames(ConfigSchema.of(
            FieldSpec.string("task", "MRPC", "the GLUE task (as the glue stage names it): CoLA, SST-2, MRPC, QQP, STS-B, MNLI, QNLI, RTE, WNLI, SNLI"),
            FieldSpec.stage(DATA, "glue", List.of(DataLayouts.GLUE_JSONL),
                    "the stage of the labelled texts: glue (task), or e.g. text-classification with data.train=..."),
            MODEL, BERT_FIELD,
            FieldSpec.number("lr", 2e-5, "peak learning rate of AdamW"),
            FieldSpec.integer("batch", 32, "training batch size"),
            FieldSpec.integer("epochs", 3, "passes over the training set"),
            FieldSpec.integer("max_seq_length", 128, "tokens per input (glue-features)"),
            FieldSpec.number("warmup", 0.1, "fraction of the steps with a linear warmup of the learning rate, then linear decay to 0"),
            FieldSpec.number("weight_decay", 0.01, "AdamW weight decay (not on LayerNorm and biases)"),
            FieldSpec.number("dropout", 0.1, "dropout rate in the encoder and on the pooled output while training"),
            FieldSpec.integer("seed", 1, "seed of the train/valid split, the head's init, the shuffle and the dropout masks"),
            FieldSpec.integer("eval_batch", 64, "batch size for evaluating dev")));

    /** The TensorFlow engine: orders activation after it, and says whether a GPU is visible. */
    @Reference(target = Engine.TENSORFLOW_TARGET, cardinality = ReferenceCardinality.MANDATORY)
    private Engine engine;

    private volatile int checkpointSteps = DEFAULT_CHECKPOINT_STEPS;

    public BertFinetuneGlueStage() {
    }

    /** A configuration change applies to the next build (it does not restart the component: builds go on). */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        checkpointSteps = CheckpointSteps.of(PID, properties);
    }

    /** Outside OSGi (tests, embedding): without an engine, computes on the CPU. */
    BertFinetuneGlueStage(Engine engine) {
        this.engine = engine;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        settings(c);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("task", c.getString("task"));
        // handing glue-features the choices also hands it the user's data.* and bert.* overrides (the
        // realizer's StageChoice): its data and bert dependencies and ours are then the same derivations
        features.put(DATA, c.getString(DATA));
        features.put("model", c.getString("model"));
        features.put(BERT, c.getString(BERT));
        features.put("max_seq_length", c.getLong("max_seq_length"));
        features.put("seed", c.getLong("seed"));
        Map<String, Dependency> deps = new LinkedHashMap<>();
        if (c.getString(DATA).equals("glue")) {
            deps.put(DATA, Dependency.on("glue", Map.of("task", c.getString("task"))));
        }
        deps.put(FEATURES, Dependency.on("glue-features", features));
        BertChoice.addDependency(c, deps);
        return deps;
    }

    static FineTuneSettings settings(Config c) {
        return settings(c, NAME);
    }

    /** The fine-tuning fields every BERT fine-tuning stage has, checked; {@code stage} names it in errors. */
    static FineTuneSettings settings(Config c, String stage) {
        FineTuneSettings s = new FineTuneSettings(c.getDouble("lr"), c.getInt("batch"), c.getInt("epochs"), c.getDouble("warmup"),
                c.getDouble("weight_decay"), c.getDouble("dropout"), c.getLong("seed"), c.getInt("eval_batch"));
        check(stage, s.learningRate() > 0, "lr must be positive, got " + s.learningRate());
        check(stage, s.batch() >= 1, "batch must be at least 1, got " + s.batch());
        check(stage, s.epochs() >= 1, "epochs must be at least 1, got " + s.epochs());
        check(stage, s.evalBatch() >= 1, "eval_batch must be at least 1, got " + s.evalBatch());
        check(stage, s.warmup() >= 0 && s.warmup() < 1, "warmup must be a fraction in [0, 1), got " + s.warmup());
        check(stage, s.dropout() >= 0 && s.dropout() < 1, "dropout must be in [0, 1), got " + s.dropout());
        check(stage, s.weightDecay() >= 0, "weight_decay must not be negative, got " + s.weightDecay());
        check(stage, c.getLong("max_seq_length") >= 3, "max_seq_length must be at least 3, got " + c.getLong("max_seq_length"));
        return s;
    }

    private static void check(String stage, boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("stage '" + stage + "': " + message);
        }
    }

    @Override
    public Resources resources(Config config) {
        return resourcesFor(config);
    }

    /** The resources of a BERT fine-tuning build with the fields model and bert (shared with bert-finetune-squad). */
    static Resources resourcesFor(Config config) {
        // parameters, gradients and two Adam slots in float32, plus activations: a rough estimate per model
        long memoryMb = BertChoice.stage(config).equals(CHECKPOINT_STAGE)
                ? switch (config.getString("model")) {
                    case "mini" -> 1024;
                    case "large" -> 16384;
                    default -> 6144;
                }
                : 0;
        // one GPU preferred: on a machine with GPUs it waits for a free one; with none it trains on the
        // CPU, where TensorFlow computes with one intra-op thread per processor: ask for all of them
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors()).withMemoryMb(memoryMb);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", FineTuner.CURVES, BertLayout.CHECKPOINT_INDEX, BertLayout.CHECKPOINT_DATA,
                BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.MODEL_JSON);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        FineTuneSettings s = settings(b.config());
        FineTuner tuner = new FineTuner(s, gpuIndex(engine, b), sink(b)).withCheckpoint(b.checkpoint(), checkpointSteps);
        Map<String, Double> metrics = tuner.run(b.dependencyPath(BERT), b.dependencyPath(FEATURES), b.out());
        if (tuner.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, tuner.resumedFrom());
        }
        b.writeMetrics(metrics);
        b.progress(1, "done: " + metrics);
    }

    /**
     * The index of the GPU to compute on ("1" for a granted gpu:1), null for the CPU; noted with the
     * engine in the build's notes (shared with bert-finetune-squad).
     */
    static String gpuIndex(Engine engine, BuildContext b) {
        // the realizer grants a GPU only when one is there and a slot is free; otherwise the CPU. A
        // granted gpu:k the engine does not see (CPU natives) also computes on the CPU.
        String device = DeviceSessions.CPU;
        if (engine == null) {
            b.note("device", device);
        } else {
            device = DeviceSessions.device(b, engine);
            b.note("engine", engine.name() + " " + engine.version() + " (" + engine.backend() + ")");
        }
        b.log("device: " + device);
        return device.equals(DeviceSessions.CPU) ? null : device.substring(device.indexOf(':') + 1);
    }

    /** The build's progress, log, cancellation and history.jsonl as a training sink. */
    static TrainingSink sink(BuildContext b) {
        return new TrainingSink() {
            @Override
            public void progress(double fraction, String message) {
                b.progress(fraction, message);
            }

            @Override
            public void log(String line) {
                b.log(line);
            }

            @Override
            public void checkCancelled() {
                b.checkCancelled();
            }

            @Override
            public void history(Map<String, ?> record) throws IOException {
                b.appendHistory(record);
            }
        };
    }
}
