package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A {@link LeNetGraph} in a TensorFlow session: initialised from a seed (Xavier-normal weights,
 * zero biases, as DL4J's XAVIER), trained one Adam step at a time, asked for class probabilities,
 * and saved to or loaded from {@code model.zip} (model.json with the architecture, and a
 * TensorFlow checkpoint of the weights under {@code variables.*}). Closing frees the native graph.
 */
public final class LeNetModel implements AutoCloseable {
    static final String FORMAT = "stagedml-lenet-tensorflow/1";
    private static final String MODEL_JSON = "model.json";
    private static final String CHECKPOINT = "variables";

    private final ConvNetSettings settings;
    private final Graph graph;
    private final Session session;
    final LeNetGraph g;
    private final long seed;
    private long steps;
    private float beta1Power = 1;
    private float beta2Power = 1;

    private LeNetModel(ConvNetSettings settings, int rows, int cols, int classes, int threads, String device) {
        this.settings = settings;
        this.seed = settings.seed();
        this.graph = new Graph();
        try {
            this.g = new LeNetGraph(graph, settings, rows, cols, classes);
            this.session = new Session(graph, DeviceSessions.config(threads, device));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * A fresh network, initialised from the settings' seed; computes with the given threads on the
     * device ({@code cpu} or {@code gpu:<k>}, see {@link DeviceSessions#config}).
     */
    public static LeNetModel create(ConvNetSettings s, int rows, int cols, int classes, int threads, String device) {
        LeNetModel m = new LeNetModel(s, rows, cols, classes, threads, device);
        m.initialize();
        return m;
    }

    private void initialize() {
        Random r = new Random(seed);
        Session.Runner runner = session.runner();
        java.util.List<TFloat32> fed = new java.util.ArrayList<>();
        try {
            for (LeNetGraph.Parameter p : g.parameters) {
                float[] v = new float[p.size()];
                if (!p.bias()) {
                    double std = Math.sqrt(2.0 / (p.fanIn() + p.fanOut()));
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (r.nextGaussian() * std);
                    }
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(p.shape()), DataBuffers.of(v, true, false));
                fed.add(t);
                runner.feed(p.initValue(), t).addTarget(p.init());
            }
            runner.addTarget(g.resetSlots).run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** One Adam step (with dropout) on a batch; returns the batch's mean loss before the step. */
    float step(ImageBatch batch) {
        steps++;
        beta1Power *= LeNetGraph.BETA1;
        beta2Power *= LeNetGraph.BETA2;
        try (TFloat32 b1 = TFloat32.scalarOf(beta1Power); TFloat32 b2 = TFloat32.scalarOf(beta2Power);
                TFloat32 keep = TFloat32.scalarOf((float) (1 - settings.dropout()));
                TInt64 dropSeed = TInt64.vectorOf(seed, steps);
                Result res = session.runner()
                        .feed(g.images, batch.images()).feed(g.labels, batch.labels())
                        .feed(g.keepProb, keep).feed(g.dropoutSeed, dropSeed)
                        .feed(g.beta1Power, b1).feed(g.beta2Power, b2)
                        .fetch(g.loss).addTarget(g.trainStep).run()) {
            return ((TFloat32) res.get(0)).getFloat();
        }
    }

    /** Class probabilities {@code [n][classes]} of a batch, without dropout. */
    float[][] probabilities(ImageBatch batch) {
        try (Result res = session.runner().feed(g.images, batch.images()).fetch(g.probabilities).run()) {
            TFloat32 p = (TFloat32) res.get(0);
            float[] flat = new float[batch.size() * g.classes];
            p.copyTo(DataBuffers.of(flat, false, false));
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * g.classes, (i + 1) * g.classes);
            }
            return out;
        }
    }

    public int classes() {
        return g.classes;
    }

    /** Writes model.zip: the architecture as JSON, then the checkpoint files. */
    public void save(Path zip) throws IOException {
        Path dir = Files.createTempDirectory(zip.toAbsolutePath().getParent(), ".lenet-");
        try {
            try (TString prefix = TString.scalarOf(dir.resolve(CHECKPOINT).toString())) {
                session.runner().feed(g.checkpointPrefix, prefix).addTarget(g.save).run().close();
            }
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("format", FORMAT);
            json.put("rows", g.rows);
            json.put("cols", g.cols);
            json.put("classes", g.classes);
            json.put("kernel", settings.kernel());
            json.put("conv1", settings.conv1());
            json.put("conv2", settings.conv2());
            json.put("dense", settings.dense());
            json.put("input", "NHWC [n, rows, cols, 1] floats, pixel / 255");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(MODEL_JSON));
                out.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
                out.closeEntry();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** A model saved by {@link #save}, ready for {@link TestEvaluation#predictions}. */
    public static LeNetModel load(Path zip, int threads) throws IOException {
        Path dir = Files.createTempDirectory("lenet-");
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    Path f = dir.resolve(e.getName()).normalize();
                    if (!f.startsWith(dir) || e.isDirectory()) {
                        throw new StagedmlException(zip + " holds an unexpected entry " + e.getName());
                    }
                    copy(in, f);
                }
            }
            Path jsonFile = dir.resolve(MODEL_JSON);
            if (!Files.isRegularFile(jsonFile)) {
                throw new StagedmlException(zip + " has no " + MODEL_JSON + ": not a convnet-mnist model");
            }
            JsonNode j = Json.mapper().readTree(jsonFile.toFile());
            if (!FORMAT.equals(j.path("format").asText())) {
                throw new StagedmlException(zip + " is a model of format '" + j.path("format").asText()
                        + "', expected " + FORMAT + "; rebuild it with this version of convnet-mnist");
            }
            ConvNetSettings s = new ConvNetSettings(1, 1, 1e-3, 0, j.get("kernel").asInt(), j.get("conv1").asInt(),
                    j.get("conv2").asInt(), j.get("dense").asInt(), 0);
            LeNetModel m = new LeNetModel(s, j.get("rows").asInt(), j.get("cols").asInt(), j.get("classes").asInt(), threads,
                    DeviceSessions.CPU);
            try (TString prefix = TString.scalarOf(dir.resolve(CHECKPOINT).toString())) {
                m.session.runner().feed(m.g.checkpointPrefix, prefix).addTarget(m.g.restore).run().close();
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
            return m;
        } finally {
            deleteTree(dir);
        }
    }

    private static void copy(InputStream in, Path f) throws IOException {
        try (OutputStream out = Files.newOutputStream(f)) {
            in.transferTo(out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
