package org.stagedml.model.textcnn.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Resources;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.engine.dl4j.training.Nd4jCompute;
import org.stagedml.api.stage.PeakMemory;
import org.stagedml.engine.dl4j.training.TrainingMonitor;

/**
 * {@code textcnn-glue task=<GLUE classification task>}: the fast DL4J baseline beside BERT. Trains
 * on train.jsonl of the {@code glue} stage's normalized layout and reports dev accuracy (and F1
 * for 0/1 tasks) per epoch. Outputs metrics.json, history.jsonl, model.zip, vocab.txt. Default
 * matcher: best {@code accuracy}. Requires the ND4J engine service, so it starts after it.
 */
@Component(service = Stage.class)
@StageProperties(name = TextCnnGlueStage.NAME, version = 1,
        description = "fast GLUE baseline in DL4J: embeddings + 1-D CNN over tokens (pairs joined with [SEP]); dev accuracy")
public class TextCnnGlueStage implements Stage {
    public static final String NAME = "textcnn-glue";
    public static final String DATA = "glue";
    private final Engine engine;

    @Activate
    public TextCnnGlueStage(@Reference(name = "engine", target = Engine.ND4J_TARGET) Engine engine) {
        this.engine = engine;
    }

    @Override
    public ConfigSchema schema() {
        return TextCnnSettings.SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        TextCnnSettings.from(config, 0);
        return Map.of(DATA, Dependency.on("glue", Map.of("task", config.getString("task"))));
    }

    @Override
    public Matcher defaultMatcher() {
        return Matchers.best("accuracy", 1, true);
    }

    @Override
    public Resources resources(Config config) {
        return Nd4jCompute.resources(engine);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("metrics.json", "history.jsonl", "model.zip", "vocab.txt");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        TextCnnSettings s = TextCnnSettings.from(b.config(), b.instance());
        Path data = b.dependencyPath(DATA);
        GlueSplit.TaskInfo task = GlueSplit.TaskInfo.read(data);
        GlueSplit train = GlueSplit.read(data.resolve("train.jsonl"), task);
        GlueSplit dev = GlueSplit.read(data.resolve("dev.jsonl"), task);
        List<String> texts = new ArrayList<>(train.first());
        if (task.pair()) {
            texts.addAll(train.second());
        }
        Vocabulary vocab = Vocabulary.build(texts, s.vocab());
        b.note("device", Nd4jCompute.device(engine));
        b.log(String.format("textcnn-glue %s: %d train, %d dev examples, vocabulary %d, %s", task.task(), train.size(),
                dev.size(), vocab.size(), s));
        boolean binary01 = task.labels().equals(List.of("0", "1"));
        TextCnnTrainer.Result r = new TextCnnTrainer(s, TrainingMonitor.of(b)).train(TextCnnTrainer.encode(train, vocab, s.maxLen()),
                train.labels(), TextCnnTrainer.encode(dev, vocab, s.maxLen()), dev.labels(), vocab.size(),
                task.labels().size(), binary01);
        b.checkCancelled();
        ModelSerializer.writeModel(r.net(), b.out().resolve("model.zip").toFile(), true);
        vocab.write(b.out().resolve("vocab.txt"));
        TextCnnTrainer.Epoch last = r.last();
        double seconds = r.epochs().stream().mapToDouble(TextCnnTrainer.Epoch::seconds).sum();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("accuracy", last.accuracy());
        m.put("loss", last.loss());
        if (binary01) {
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
