package org.stagedml.model.transformer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.stagedml.api.StagedmlException;
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
 * {@code transformer data=nl2bash size=base}: trains the encoder-decoder Transformer
 * ({@link TransformerGraph}) on the parallel corpus the {@code data} field chooses, over the subword
 * vocabulary the {@code vocab} field chooses (subword-vocab by default, handed the same {@code data}
 * choice, so it is built from the same corpus). After each epoch: dev BLEU cased and uncased,
 * train and dev loss into history.jsonl; at the end metrics.json (last epoch's figures and the best
 * BLEU), model.zip, vocab.subwords (the vocabulary, so the model stands alone) and
 * dev_predictions.txt (the last epoch's dev translations, one per line in dev.jsonl's order) and
 * training_curves.png (loss and dev BLEU by epoch, redrawn after each epoch).
 * Default matcher: best {@code bleu}. Prefers a GPU; requires the TensorFlow engine service.
 */
@Component(service = Stage.class, configurationPid = TransformerStage.PID,
        property = CheckpointSteps.PROPERTY + ":Integer=" + CheckpointSteps.DEFAULT)
@StageProperties(name = TransformerStage.NAME, version = 1,
        description = "encoder-decoder Transformer (TensorFlow) on a parallel corpus over a subword vocabulary: beam search, dev BLEU")
public class TransformerStage implements Stage {
    public static final String NAME = "transformer";
    /** The component's configuration: {@code checkpointSteps} ({@link CheckpointSteps}; no part of the derivation). */
    public static final String PID = "org.stagedml.model.transformer";
    static final String PREDICTIONS = "dev_predictions.txt";
    private final Engine engine;
    private volatile int checkpointSteps = CheckpointSteps.DEFAULT;

    @Activate
    public TransformerStage(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
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
        return TransformerSettings.SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        TransformerSettings.from(c, 0);
        Map<String, Dependency> deps = new LinkedHashMap<>();
        // subword-vocab gets our data choice (and through the realizer the user's data.* overrides):
        // its data dependency and ours are then the same derivation. Another vocab stage is filled as chosen.
        if (c.getString(TransformerSettings.VOCAB).equals(TransformerSettings.DEFAULT_VOCAB)) {
            deps.put(TransformerSettings.VOCAB, Dependency.on(TransformerSettings.DEFAULT_VOCAB,
                    Map.of(TransformerSettings.DATA, c.getString(TransformerSettings.DATA))));
        }
        return deps;
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("bleu", 1, true);
    }

    @Override
    public Resources resources(Config config) {
        TransformerSize size = TransformerSize.of(config.getString("size"));
        int memoryMb = size.hidden() <= 128 ? 1024 : size.hidden() <= 512 ? 4096 : 8192;
        return Resources.gpus(1).preferred().withCpus(Runtime.getRuntime().availableProcessors()).withMemoryMb(memoryMb);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", "model.zip", SubwordCodec.VOCAB_FILE, PREDICTIONS, TransformerPlots.CURVES);
    }

    /** training_curves.png, redrawn after every epoch so a long run shows its progress. */
    private static void curves(List<TransformerTrainer.Epoch> epochs, Path out) {
        try {
            TransformerPlots.curves(epochs, out.resolve(TransformerPlots.CURVES));
        } catch (IOException x) {
            throw new UncheckedIOException("transformer: cannot draw " + TransformerPlots.CURVES + ": " + x.getMessage(), x);
        }
    }

    @Override
    public void build(BuildContext b) throws Exception {
        TransformerSettings s = TransformerSettings.from(b.config(), b.instance());
        Path data = b.dependencyPath(TransformerSettings.DATA);
        Path vocab = b.dependencyPath(TransformerSettings.VOCAB);
        SubwordCodec codec = SubwordCodec.load(vocab);
        ParallelCorpus train = ParallelCorpus.read(data, "train");
        ParallelCorpus dev = ParallelCorpus.read(data, "dev");
        if (dev.size() == 0) {
            throw new StagedmlException("transformer: the dataset " + b.dependency(TransformerSettings.DATA)
                    + " has no dev pairs; dev BLEU is computed on them after each epoch: give it a dev split");
        }
        String device = DeviceSessions.device(b, engine);
        b.note("engine", engine.toString());
        b.log(String.format("transformer %s: %d train, %d dev pairs, vocabulary %d subwords, %s, on %s", s.size().name(),
                train.size(), dev.size(), codec.size(), s, device));
        TransformerTrainer.Data encoded = new TransformerTrainer.Data(codec.pairs(train), codec.pairs(dev), dev.targets(),
                codec::decode, codec.size());
        TransformerTrainer trainer = new TransformerTrainer(s, TrainingMonitor.of(b), encoded, resources(b.config()).cpus(), device)
                .withCheckpoint(b.checkpoint(), checkpointSteps)
                .afterEpoch(epochs -> curves(epochs, b.out()));
        TransformerTrainer.Result r = trainer.train();
        if (trainer.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, trainer.resumedFrom());
        }
        try (TransformerModel model = r.model()) {
            b.checkCancelled();
            model.save(b.out().resolve("model.zip"));
        }
        Files.copy(vocab.resolve(SubwordCodec.VOCAB_FILE), b.out().resolve(SubwordCodec.VOCAB_FILE), StandardCopyOption.REPLACE_EXISTING);
        // one translation per line: a translation holding a line break (the vocabulary is invertible) is kept on one line
        List<String> lines = r.devPredictions().stream().map(t -> t.replace("\r", " ").replace("\n", " ")).toList();
        Files.write(b.out().resolve(PREDICTIONS), lines, StandardCharsets.UTF_8);
        curves(r.epochs(), b.out()); // also when resumed after the last epoch
        TransformerTrainer.Epoch last = r.last();
        double seconds = r.epochs().stream().mapToDouble(TransformerTrainer.Epoch::seconds).sum();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("bleu", last.bleu());
        m.put("bleu_uncased", last.bleuUncased());
        m.put("loss", last.devLoss());
        m.put("train_loss", last.trainLoss());
        m.put("best_bleu", r.best().bleu());
        m.put("best_epoch", r.best().epoch());
        m.put("epochs", r.epochs().size());
        m.put("steps", last.step());
        m.put("train_seconds", seconds);
        m.put("seconds_per_epoch", seconds / r.epochs().size());
        m.put("decode_seconds", last.decodeSeconds());
        double rss = PeakMemory.megabytes();
        if (Double.isFinite(rss)) {
            m.put(PeakMemory.METRIC, rss);
        }
        b.writeMetrics(m);
        b.progress(1.0, String.format("dev BLEU %.2f", last.bleu()));
    }
}
