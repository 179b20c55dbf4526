package org.stagedml.model.textcnn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.Json;
import org.stagedml.engine.tensorflow.training.ClassifierSession;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.engine.tensorflow.training.ModelZip;

/**
 * A {@link TextCnnGraph} in a TensorFlow session on the build's device: initialised from a seed
 * (Xavier-normal weights, zero biases), trained one Adam step at a time, asked for class
 * probabilities, and saved to or loaded from {@code model.zip} ({@link ModelZip}: model.json with the
 * architecture and a checkpoint of the weights), all through a {@link ClassifierSession}. Closing
 * frees the native graph.
 */
public final class TextCnnModel implements AutoCloseable {
    static final String FORMAT = "stagedml-textcnn-tensorflow/1";

    private final TextCnnSettings settings;
    /** Also what a training checkpoint saves and restores ({@link ClassifierSession#saveState}). */
    final ClassifierSession<TextCnnGraph> session;
    final TextCnnGraph g;

    private TextCnnModel(TextCnnSettings settings, int vocab, int classes, int threads, String device) {
        this.settings = settings;
        this.session = new ClassifierSession<>(graph -> new TextCnnGraph(graph, settings, vocab, classes), g -> g.out,
                threads, device);
        this.g = session.ops;
    }

    /** A fresh network from the settings' seed, computing with the threads on the device ({@code cpu} or {@code gpu:<k>}). */
    public static TextCnnModel create(TextCnnSettings s, int vocab, int classes, int threads, String device) {
        TextCnnModel m = new TextCnnModel(s, vocab, classes, threads, device);
        try {
            m.session.initialize(s.seed());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** One Adam step (with dropout) on a batch; returns the batch's mean loss before the step. */
    float step(TokenBatch batch) {
        return session.step(session.runner().feed(g.tokens, batch.tokens()).feed(g.out.inputs().labels, batch.labels()),
                settings.dropout(), settings.seed());
    }

    /** Class probabilities {@code [n][classes]} of a batch, without dropout. */
    float[][] probabilities(TokenBatch batch) {
        return session.probabilities(session.runner().feed(g.tokens, batch.tokens()), batch.size());
    }

    /** Predicted class per example (token ids {@code [n][maxLen]}). */
    public int[] predict(int[][] x) {
        int[] out = new int[x.length];
        for (int from = 0; from < x.length; from += TextCnnTrainer.EVAL_BATCH) {
            int to = Math.min(x.length, from + TextCnnTrainer.EVAL_BATCH);
            try (TokenBatch b = TokenBatch.of(x, null, null, from, to)) {
                float[][] p = probabilities(b);
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = TextCnnTrainer.argmax(p[i]);
                }
            }
        }
        return out;
    }

    public int classes() {
        return g.classes;
    }

    /** Writes model.zip: the architecture as JSON, then the checkpoint files. */
    public void save(Path zip) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("vocab", g.vocab);
        json.put("classes", g.classes);
        json.put("max_len", settings.maxLen());
        json.put("embed", settings.embed());
        json.put("filters", settings.filters());
        json.put("width", TextCnnGraph.WIDTH);
        json.put("input", "int32 token ids [n, max_len] of vocab.txt (0 padding), pairs joined with [SEP]");
        session.save(zip, json);
    }

    /** A model saved by {@link #save}, on the CPU. */
    public static TextCnnModel load(Path zip, int threads) throws IOException {
        try (ModelZip.Opened opened = ModelZip.open(zip, FORMAT, TextCnnGlueStage.NAME)) {
            JsonNode j = opened.model();
            TextCnnSettings s = new TextCnnSettings(1, 1, 1e-3, 0, j.get("max_len").asInt(), Math.max(4, j.get("vocab").asInt()),
                    j.get("embed").asInt(), j.get("filters").asInt(), 0);
            TextCnnModel m = new TextCnnModel(s, j.get("vocab").asInt(), j.get("classes").asInt(), threads, DeviceSessions.CPU);
            m.session.restore(opened.checkpointPrefix());
            return m;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
