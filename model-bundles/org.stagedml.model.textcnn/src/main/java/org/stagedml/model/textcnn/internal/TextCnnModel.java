package org.stagedml.model.textcnn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.Json;
import org.stagedml.engine.tensorflow.training.AdamSteps;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.engine.tensorflow.training.ModelZip;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A {@link TextCnnGraph} in a TensorFlow session on the build's device: initialised from a seed
 * (Xavier-normal weights, zero biases), trained one Adam step at a time, asked for class
 * probabilities, and saved to or loaded from {@code model.zip} ({@link ModelZip}: model.json with the
 * architecture and a checkpoint of the weights). Closing frees the native graph.
 */
public final class TextCnnModel implements AutoCloseable {
    static final String FORMAT = "stagedml-textcnn-tensorflow/1";

    private final TextCnnSettings settings;
    private final Graph graph;
    private final Session session;
    final TextCnnGraph g;
    private final AdamSteps adam = new AdamSteps();

    private TextCnnModel(TextCnnSettings settings, int vocab, int classes, int threads, String device) {
        this.settings = settings;
        this.graph = new Graph();
        try {
            this.g = new TextCnnGraph(graph, settings, vocab, classes);
            this.session = new Session(graph, DeviceSessions.config(threads, device));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** A fresh network from the settings' seed, computing with the threads on the device ({@code cpu} or {@code gpu:<k>}). */
    public static TextCnnModel create(TextCnnSettings s, int vocab, int classes, int threads, String device) {
        TextCnnModel m = new TextCnnModel(s, vocab, classes, threads, device);
        try {
            m.g.parameters.initialize(m.session, s.seed(), m.g.adam);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** One Adam step (with dropout) on a batch; returns the batch's mean loss before the step. */
    float step(TokenBatch batch) {
        try (TFloat32 keep = TFloat32.scalarOf((float) (1 - settings.dropout()));
                TInt64 dropSeed = TInt64.vectorOf(settings.seed(), adam.next())) {
            return adam.run(session.runner().feed(g.tokens, batch.tokens()).feed(g.labels, batch.labels())
                    .feed(g.keepProb, keep).feed(g.dropoutSeed, dropSeed), g.adam, g.loss);
        }
    }

    /** Class probabilities {@code [n][classes]} of a batch, without dropout. */
    float[][] probabilities(TokenBatch batch) {
        try (Result res = session.runner().feed(g.tokens, batch.tokens()).fetch(g.probabilities).run()) {
            return AdamSteps.rows((TFloat32) res.get(0), batch.size(), g.classes);
        }
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
        ModelZip.write(zip, json, prefix -> run(g.checkpoint.save(), prefix));
    }

    /** A model saved by {@link #save}, on the CPU. */
    public static TextCnnModel load(Path zip, int threads) throws IOException {
        try (ModelZip.Opened opened = ModelZip.open(zip, FORMAT, TextCnnGlueStage.NAME)) {
            JsonNode j = opened.model();
            TextCnnSettings s = new TextCnnSettings(1, 1, 1e-3, 0, j.get("max_len").asInt(), Math.max(4, j.get("vocab").asInt()),
                    j.get("embed").asInt(), j.get("filters").asInt(), 0);
            TextCnnModel m = new TextCnnModel(s, j.get("vocab").asInt(), j.get("classes").asInt(), threads, DeviceSessions.CPU);
            try {
                m.run(m.g.checkpoint.restore(), opened.checkpointPrefix());
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
            return m;
        }
    }

    private void run(org.tensorflow.op.Op target, String prefix) {
        try (TString p = TString.scalarOf(prefix)) {
            session.runner().feed(g.checkpoint.prefix(), p).addTarget(target).run().close();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
