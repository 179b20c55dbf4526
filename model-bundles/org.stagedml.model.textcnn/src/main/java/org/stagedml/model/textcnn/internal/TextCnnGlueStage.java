package org.stagedml.model.textcnn.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.PeakMemory;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * {@code textcnn-glue task=<GLUE classification task>}: the fast TensorFlow baseline beside BERT.
 * Trains on the training split of the {@code glue} stage's normalized layout ({@link GlueTask}) and
 * reports dev accuracy (and F1 for 0/1 tasks) per epoch. Outputs metrics.json, history.jsonl,
 * model.zip, vocab.txt. Default matcher: best {@code accuracy}. Prefers a GPU. Requires the
 * TensorFlow engine service, so it starts after it.
 */
@Component(service = Stage.class, configurationPid = TextCnnGlueStage.PID,
        property = CheckpointSteps.PROPERTY + ":Integer=" + CheckpointSteps.DEFAULT)
// version 2: trained in TensorFlow (was DL4J); model.zip holds model.json and a TensorFlow checkpoint
// version 3: the dataset comes from the stage named by field data (was the fixed field glue)
@StageProperties(name = TextCnnGlueStage.NAME, version = 3,
        description = "fast GLUE baseline in TensorFlow: embeddings + 1-D CNN over tokens (pairs joined with [SEP]); dev accuracy")
public class TextCnnGlueStage implements Stage {
    public static final String NAME = "textcnn-glue";
    /** The config field choosing the dataset stage (glue by default). */
    public static final String DATA = "data";
    /**
     * The component's configuration: {@code checkpointSteps}, how often a build saves a training
     * checkpoint inside an epoch ({@link CheckpointSteps}; no part of the derivation).
     */
    public static final String PID = "org.stagedml.model.textcnn";
    private static final int MEMORY_MB = 1024;
    private final Engine engine;
    private volatile int checkpointSteps = CheckpointSteps.DEFAULT;

    @Activate
    public TextCnnGlueStage(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
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
        return TextCnnSettings.SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        TextCnnSettings.from(config, 0);
        // glue gets the task; any other stage is filled by the realizer with the user's data.* overrides
        return config.getString(DATA).equals("glue")
                ? Map.of(DATA, Dependency.on("glue", Map.of("task", config.getString("task"))))
                : Map.of();
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public Resources resources(Config config) {
        // one GPU preferred; on the CPU TensorFlow computes with one intra-op thread per CPU granted
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors()).withMemoryMb(MEMORY_MB);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", "model.zip", "vocab.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        TextCnnSettings s = TextCnnSettings.from(b.config(), b.instance());
        Path data = b.dependencyPath(DATA);
        GlueTask task = GlueTask.read(data);
        Vocabulary vocab = Vocabulary.build(task.trainingTexts(), s.vocab());
        String device = DeviceSessions.device(b, engine);
        b.note("engine", engine.toString());
        b.log(String.format("textcnn-glue %s: %d train, %d dev examples, vocabulary %d, %s, on %s", task.task(),
                task.train().size(), task.dev().size(), vocab.size(), s, device));
        TextCnnTrainer.Data encoded = TextCnnTrainer.Data.of(task.train(), task.dev(), vocab, s.maxLen(),
                task.labels().size(), task.binary01());
        TextCnnTrainer trainer = new TextCnnTrainer(s, TrainingMonitor.of(b), encoded, resources(b.config()).cpus(), device)
                .withCheckpoint(b.checkpoint(), checkpointSteps);
        TextCnnTrainer.Result r = trainer.train();
        if (trainer.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, trainer.resumedFrom());
        }
        try (TextCnnModel net = r.net()) {
            b.checkCancelled();
            net.save(b.out().resolve("model.zip"));
        }
        vocab.write(b.out().resolve("vocab.txt"));
        TextCnnTrainer.Epoch last = r.last();
        double seconds = r.trainSeconds();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("accuracy", last.accuracy());
        m.put("loss", last.loss());
        if (task.binary01()) {
            m.put("f1", last.f1());
        }
        m.put("train_loss", last.trainLoss());
        m.put("best_accuracy", r.epochs().stream().mapToDouble(TextCnnTrainer.Epoch::accuracy).max().orElse(0));
        m.put("epochs", r.epochs().size());
        m.put("train_seconds", seconds);
        m.put("seconds_per_epoch", seconds / r.epochs().size());
        double rss = PeakMemory.megabytes();
        if (Double.isFinite(rss)) {
            m.put(PeakMemory.METRIC, rss);
        }
        b.writeMetrics(m);
        b.progress(1.0, String.format("dev accuracy %.4f", last.accuracy()));
    }
}
