package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.stagedml.api.Json;
import org.stagedml.engine.tensorflow.training.ClassifierSession;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.engine.tensorflow.training.ModelZip;

/**
 * A {@link LeNetGraph} in a TensorFlow session ({@link ClassifierSession}): initialised from a seed (Xavier-normal weights,
 * zero biases, as DL4J's XAVIER), trained one Adam step at a time, asked for class probabilities,
 * and saved to or loaded from {@code model.zip} (model.json with the architecture, and a
 * TensorFlow checkpoint of the weights under {@code variables.*}). Closing frees the native graph.
 */
public final class LeNetModel implements AutoCloseable {
    static final String FORMAT = "stagedml-lenet-tensorflow/1";

    private final ConvNetSettings settings;
    /** Also what a training checkpoint saves and restores ({@link ClassifierSession#saveState}). */
    final ClassifierSession<LeNetGraph> session;
    final LeNetGraph g;
    private final long seed;

    private LeNetModel(ConvNetSettings settings, int rows, int cols, int channels, int classes, int threads, String device) {
        this.settings = settings;
        this.seed = settings.seed();
        this.session = new ClassifierSession<>(graph -> new LeNetGraph(graph, settings, rows, cols, channels, classes), g -> g.out,
                threads, device);
        this.g = session.ops;
    }

    /**
     * A fresh network, initialised from the settings' seed; computes with the given threads on the
     * device ({@code cpu} or {@code gpu:<k>}, see {@link DeviceSessions#config}).
     */
    public static LeNetModel create(ConvNetSettings s, int rows, int cols, int classes, int threads, String device) {
        return create(s, rows, cols, 1, classes, threads, device);
    }

    /** As {@link #create(ConvNetSettings, int, int, int, int, String)} for images of {@code channels} channels. */
    public static LeNetModel create(ConvNetSettings s, int rows, int cols, int channels, int classes, int threads,
            String device) {
        LeNetModel m = new LeNetModel(s, rows, cols, channels, classes, threads, device);
        m.session.initialize(m.seed);
        return m;
    }

    /** One Adam step (with dropout) on a batch; returns the batch's mean loss before the step. */
    float step(ImageBatch batch) {
        return session.step(session.runner().feed(g.images, batch.images()).feed(g.out.inputs().labels, batch.labels()),
                settings.dropout(), seed);
    }

    /** Class probabilities {@code [n][classes]} of a batch, without dropout. */
    float[][] probabilities(ImageBatch batch) {
        return session.probabilities(session.runner().feed(g.images, batch.images()), batch.size());
    }

    public int classes() {
        return g.classes;
    }

    public int channels() {
        return g.channels;
    }

    /** Writes model.zip: the architecture as JSON, then the checkpoint files ({@link ModelZip}). */
    public void save(Path zip) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("rows", g.rows);
        json.put("cols", g.cols);
        json.put("channels", g.channels);
        json.put("classes", g.classes);
        json.put("kernel", settings.kernel());
        json.put("conv1", settings.conv1());
        json.put("conv2", settings.conv2());
        json.put("dense", settings.dense());
        json.put("input", "NHWC [n, rows, cols, channels] floats, pixel / 255 (channels R, G, B when 3)");
        session.save(zip, json);
    }

    /** A model saved by {@link #save}, on the CPU, ready for {@link TestEvaluation#predictions}. */
    public static LeNetModel load(Path zip, int threads) throws IOException {
        try (ModelZip.Opened opened = ModelZip.open(zip, FORMAT, ConvNetMnistStage.NAME)) {
            JsonNode j = opened.model();
            ConvNetSettings s = new ConvNetSettings(1, 1, 1e-3, 0, j.get("kernel").asInt(), j.get("conv1").asInt(),
                    j.get("conv2").asInt(), j.get("dense").asInt(), 0);
            // a model saved before colour images has no channels: grey
            LeNetModel m = new LeNetModel(s, j.get("rows").asInt(), j.get("cols").asInt(), j.path("channels").asInt(1),
                    j.get("classes").asInt(), threads, DeviceSessions.CPU);
            m.session.restore(opened.checkpointPrefix());
            return m;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
