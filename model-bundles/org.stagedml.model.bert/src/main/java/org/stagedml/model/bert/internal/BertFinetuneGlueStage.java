package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import org.stagedml.api.FieldType;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.BertStages;

/**
 * {@code bert-finetune-glue task=MRPC model=base}: fine-tunes BERT on a GLUE task (run_classifier.py
 * in TensorFlow Java). Dependencies: {@code features} (glue-features for the task, model and
 * max_seq_length) and {@code bert} (the same checkpoint stage glue-features tokenized with, so
 * vocabulary and weights agree). Writes metrics.json (dev accuracy, f1 for MRPC/QQP, mcc for CoLA,
 * pearson/spearman for STS-B, loss, train_seconds, examples_per_second), history.jsonl, the fine-tuned
 * checkpoint in bert-checkpoint's layout, TensorBoard events and training_curves.png.
 */
@Component(service = Stage.class, configurationPid = BertFinetuneGlueStage.PID,
        property = BertFinetuneGlueStage.CHECKPOINT_STEPS + ":Integer=" + BertFinetuneGlueStage.DEFAULT_CHECKPOINT_STEPS)
@StageProperties(name = BertFinetuneGlueStage.NAME, version = 1,
        description = "fine-tunes BERT (TensorFlow) on a GLUE task: AdamW, warmup, dev metrics per epoch, fine-tuned checkpoint")
public class BertFinetuneGlueStage implements Stage {
    public static final String NAME = "bert-finetune-glue";
    /**
     * The component's configuration: {@value #CHECKPOINT_STEPS} sets how often a build saves a
     * training checkpoint between epochs (it saves one after every epoch anyway; 0: epochs only).
     * Not part of the derivation: where a build checkpoints never changes its results.
     */
    public static final String PID = "org.stagedml.model.bert.finetune";
    static final String CHECKPOINT_STEPS = "checkpointSteps";
    static final int DEFAULT_CHECKPOINT_STEPS = 500;
    static final String FEATURES = "features";
    static final String BERT = "bert";
    static final String CHECKPOINT_STAGE = "bert-checkpoint";
    static final String RANDOM_INIT_STAGE = "bert-random-init";
    /** model, bert_stage, bert_overrides: where a BERT fine-tuning stage's weights come from. */
    static final List<FieldSpec> BERT_FIELDS = List.of(
            FieldSpec.choice("model", "base", List.of("mini", "base", "large", "multi-cased"), "the pretrained BERT (bert-checkpoint)"),
            FieldSpec.choice("bert_stage", CHECKPOINT_STAGE, List.of(CHECKPOINT_STAGE, RANDOM_INIT_STAGE),
                    "where the weights come from: a pretrained checkpoint, or a random init (training from scratch, tests)"),
            new FieldSpec("bert_overrides", FieldType.JSON, JsonNodeFactory.instance.objectNode(), List.of(),
                    "more config for the bert dependency, a JSON object (e.g. {\"hidden_size\":64} for bert-random-init)"));
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.string("task", "MRPC", "the GLUE task (as the glue stage names it): CoLA, SST-2, MRPC, QQP, STS-B, MNLI, QNLI, RTE, WNLI"),
            BERT_FIELDS.get(0), BERT_FIELDS.get(1), BERT_FIELDS.get(2),
            FieldSpec.number("lr", 2e-5, "peak learning rate of AdamW"),
            FieldSpec.integer("batch", 32, "training batch size"),
            FieldSpec.integer("epochs", 3, "passes over the training set"),
            FieldSpec.integer("max_seq_length", 128, "tokens per input (glue-features)"),
            FieldSpec.number("warmup", 0.1, "fraction of the steps with a linear warmup of the learning rate, then linear decay to 0"),
            FieldSpec.number("weight_decay", 0.01, "AdamW weight decay (not on LayerNorm and biases)"),
            FieldSpec.number("dropout", 0.1, "dropout rate in the encoder and on the pooled output while training"),
            FieldSpec.integer("seed", 1, "seed of the train/valid split, the head's init, the shuffle and the dropout masks"),
            FieldSpec.integer("eval_batch", 64, "batch size for evaluating dev"));

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
        checkpointSteps = checkpointSteps(properties);
    }

    /** {@value #CHECKPOINT_STEPS} of the component's configuration (shared by the BERT fine-tuning stages). */
    static int checkpointSteps(Map<String, Object> properties) {
        Object v = properties.get(CHECKPOINT_STEPS);
        try {
            return v == null ? DEFAULT_CHECKPOINT_STEPS : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(PID + ": " + CHECKPOINT_STEPS + " must be a whole number of steps, got '" + v + "'");
        }
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
        String bertStage = c.getString("bert_stage");
        JsonNode extra = c.get("bert_overrides").orElseThrow();
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("task", c.getString("task"));
        features.put("model", c.getString("model"));
        features.put("bert_stage", bertStage);
        features.put("bert_overrides", extra);
        features.put("max_seq_length", c.getLong("max_seq_length"));
        features.put("seed", c.getLong("seed"));
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(FEATURES, Dependency.on("glue-features", features));
        // the same derivation as glue-features' own bert dependency: the vocabulary matches the weights
        deps.put(BERT, BertStages.dependency(c, NAME));
        return deps;
    }

    static FineTuneSettings settings(Config c) {
        return settings(c, NAME);
    }

    /** The fine-tuning fields every BERT fine-tuning stage has, checked; {@code stage} names it in errors. */
    static FineTuneSettings settings(Config c, String stage) {
        java.util.function.BiConsumer<Boolean, String> check = (ok, message) -> {
            if (!ok) {
                throw new ConfigException("stage '" + stage + "': " + message);
            }
        };
        FineTuneSettings s = new FineTuneSettings(c.getDouble("lr"), c.getInt("batch"), c.getInt("epochs"), c.getDouble("warmup"),
                c.getDouble("weight_decay"), c.getDouble("dropout"), c.getLong("seed"), c.getInt("eval_batch"));
        check.accept(s.learningRate() > 0, "lr must be positive, got " + s.learningRate());
        check.accept(s.batch() >= 1, "batch must be at least 1, got " + s.batch());
        check.accept(s.epochs() >= 1, "epochs must be at least 1, got " + s.epochs());
        check.accept(s.evalBatch() >= 1, "eval_batch must be at least 1, got " + s.evalBatch());
        check.accept(s.warmup() >= 0 && s.warmup() < 1, "warmup must be a fraction in [0, 1), got " + s.warmup());
        check.accept(s.dropout() >= 0 && s.dropout() < 1, "dropout must be in [0, 1), got " + s.dropout());
        check.accept(s.weightDecay() >= 0, "weight_decay must not be negative, got " + s.weightDecay());
        check.accept(c.getLong("max_seq_length") >= 3, "max_seq_length must be at least 3, got " + c.getLong("max_seq_length"));
        return s;
    }

    @Override
    public Resources resources(Config config) {
        return resourcesFor(config);
    }

    /** The resources of a BERT fine-tuning build with the fields model and bert_stage. */
    static Resources resourcesFor(Config config) {
        // parameters, gradients and two Adam slots in float32, plus activations: a rough estimate per model
        long memoryMb = config.getString("bert_stage").equals(CHECKPOINT_STAGE)
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

    /** Whether the engine runs GPU natives and sees a GPU (this loads the natives). */
    private static boolean gpuVisible(Engine engine) {
        if (engine == null) {
            return false;
        }
        try {
            return engine.backend().equalsIgnoreCase("gpu") && engine.devices().stream().anyMatch(d -> d.toUpperCase().contains("GPU"));
        } catch (RuntimeException e) {
            return false;
        }
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

    /** The GPU to compute on ("0"), noted with the engine in the build's notes; null for the CPU. */
    static String gpuIndex(Engine engine, BuildContext b) {
        // the realizer grants a GPU only when one is there and a slot is free; otherwise the CPU
        boolean gpu = gpuVisible(engine) && b.devices().stream().anyMatch(d -> d.startsWith("gpu"));
        String device = gpu ? b.devices().stream().filter(d -> d.startsWith("gpu")).findFirst().orElse("gpu:0") : "cpu";
        b.note("device", device);
        if (engine != null) {
            b.note("engine", engine.name() + " " + engine.version() + " (" + engine.backend() + ")");
        }
        b.log("device: " + device);
        return gpu ? (device.contains(":") ? device.substring(device.indexOf(':') + 1) : "0") : null;
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
