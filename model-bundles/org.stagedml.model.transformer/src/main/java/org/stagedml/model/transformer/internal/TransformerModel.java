package org.stagedml.model.transformer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;
import org.stagedml.engine.tensorflow.training.AdamSteps;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.engine.tensorflow.training.GraphDevices;
import org.stagedml.engine.tensorflow.training.ModelZip;
import org.stagedml.engine.tensorflow.training.VariableCheckpoint;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A {@link TransformerGraph} in a TensorFlow session on the build's device: initialised from a seed,
 * trained one Adam step at a time with the learning rate given, scored with teacher forcing, asked
 * for next-token log-probabilities while decoding ({@link #encode}), and saved to or loaded from
 * {@code model.zip}. Closing frees the native graph.
 */
public final class TransformerModel implements AutoCloseable {
    static final String FORMAT = "stagedml-transformer-tensorflow/1";

    final TransformerGraph g;
    private final Graph graph;
    private final Session session;
    private final VariableCheckpoint trainingState;

    private TransformerModel(TransformerSize size, int vocab, double labelSmoothing, int threads, String device) {
        this.graph = new Graph();
        try {
            this.g = new TransformerGraph(graph, size, vocab, labelSmoothing);
            this.trainingState = VariableCheckpoint.of(org.tensorflow.op.Ops.create(graph), "training_state", g.adam.state());
            GraphDevices.pin(graph, device);
            this.session = new Session(graph, DeviceSessions.config(threads, device));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** The devices this graph's operations request: {@code /device:GPU:k} on a GPU, {@code ""} on the CPU. */
    java.util.Set<String> requestedDevices() {
        return GraphDevices.requested(graph);
    }

    /** A fresh model from the seed (Xavier-normal weights, embeddings N(0, d^-0.5), zero biases, unit layer-norm scales). */
    public static TransformerModel create(TransformerSize size, int vocab, double labelSmoothing, long seed, int threads,
            String device) {
        TransformerModel m = new TransformerModel(size, vocab, labelSmoothing, threads, device);
        try {
            m.g.parameters.initialize(m.session, seed, m.g.adam);
            m.session.runner().addTarget(m.g.initScales).run().close();
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * One Adam step (step counted from 1) with the learning rate and dropout given, its masks seeded by
     * the seed and the step; returns the batch's loss before the update.
     */
    float step(PairBatch b, double learningRate, long step, double dropout, long seed) {
        try (TInt32 src = ids(b.source(), b.rows(), b.sourceLength());
                TInt32 dec = ids(b.decoderInput(), b.rows(), b.targetLength());
                TInt32 tgt = ids(b.target(), b.rows(), b.targetLength());
                TFloat32 lr = TFloat32.scalarOf((float) learningRate);
                TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(TransformerGraph.BETA1, step));
                TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(TransformerGraph.BETA2, step));
                TFloat32 keep = TFloat32.scalarOf((float) (1 - dropout));
                TInt64 dropSeed = TInt64.vectorOf(seed, step);
                Result r = session.runner().feed(g.source, src).feed(g.decoderInput, dec).feed(g.target, tgt)
                        .feed(g.learningRate, lr).feed(g.adam.beta1Power(), p1).feed(g.adam.beta2Power(), p2)
                        .feed(g.keepProb, keep).feed(g.dropoutSeed, dropSeed)
                        .fetch(g.loss).addTarget(g.adam.step()).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /** The loss of a batch without dropout and without training. */
    double loss(PairBatch b) {
        try (TInt32 src = ids(b.source(), b.rows(), b.sourceLength());
                TInt32 dec = ids(b.decoderInput(), b.rows(), b.targetLength());
                TInt32 tgt = ids(b.target(), b.rows(), b.targetLength());
                Result r = session.runner().feed(g.source, src).feed(g.decoderInput, dec).feed(g.target, tgt).fetch(g.loss).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /**
     * Teacher forcing on one pair: the next-token log-probabilities {@code [target length][vocab]}
     * after each prefix of {@code target} (row 0: after the empty prefix).
     */
    float[][] teacherForced(int[] source, int[] target) {
        PairBatch b = PairBatch.of(java.util.List.<int[][]>of(new int[][] {source, target}));
        try (TInt32 src = ids(b.source(), 1, b.sourceLength());
                TInt32 dec = ids(b.decoderInput(), 1, b.targetLength());
                Result r = session.runner().feed(g.source, src).feed(g.decoderInput, dec).fetch(g.logProbs).run()) {
            return AdamSteps.rows((TFloat32) r.get(0), b.targetLength(), g.vocab);
        }
    }

    /** Runs the encoder once on a source (ids ending with EOS) for decoding it. */
    public EncodedSource encode(int[] source) {
        try (TInt32 src = ids(source, 1, source.length); Result r = session.runner().feed(g.source, src).fetch(g.encoderOutput).run()) {
            float[] out = new float[source.length * g.size.hidden()];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return new EncodedSource(source, out);
        }
    }

    /**
     * A source sentence with its encoder output: {@link #logProbs} scores prefixes of its translation
     * by running the decoder on each whole prefix; {@link #cached} does it as the reference decodes, one
     * position per step over the keys and values it kept from the step before.
     */
    public final class EncodedSource {
        private final int[] source;
        private final float[] memory;

        private EncodedSource(int[] source, float[] memory) {
            this.source = source;
            this.memory = memory;
        }

        /** A scorer keeping each prefix's keys and values for the next step (one per search: it holds one step's cache). */
        public NextTokenScorer cached() {
            return new CachedScorer(this);
        }

        /** The encoder output repeated for n rows, and the source likewise: what every decoder run is fed. */
        private TFloat32 memory(int n) {
            int s = source.length;
            int d = g.size.hidden();
            float[] mem = new float[n * s * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(memory, 0, mem, i * s * d, s * d);
            }
            return TFloat32.tensorOf(Shape.of(n, s, d), DataBuffers.of(mem, true, false));
        }

        private TInt32 sources(int n) {
            int s = source.length;
            int[] src = new int[n * s];
            for (int i = 0; i < n; i++) {
                System.arraycopy(source, 0, src, i * s, s);
            }
            return ids(src, n, s);
        }

        /** The next-token log-softmax {@code [prefixes][vocab]} after each prefix (a prefix may be empty). */
        public float[][] logProbs(int[][] prefixes) {
            int n = prefixes.length;
            int len = 1;
            for (int[] p : prefixes) {
                len = Math.max(len, p.length + 1);
            }
            int[] dec = new int[n * len];
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(prefixes[i], 0, dec, i * len + 1, prefixes[i].length);
                rows[i] = i * len + prefixes[i].length;
            }
            try (TInt32 srcT = sources(n); TInt32 decT = ids(dec, n, len);
                    TInt32 rowT = TInt32.tensorOf(Shape.of(n), DataBuffers.of(rows, true, false));
                    TFloat32 memT = memory(n);
                    Result r = session.runner().feed(g.source, srcT).feed(g.encoderOutput, memT).feed(g.decoderInput, decT)
                            .feed(g.scoreRows, rowT).fetch(g.scoreLogProbs).run()) {
                return AdamSteps.rows((TFloat32) r.get(0), n, g.vocab);
            }
        }
    }

    /**
     * The reference's cached decoding behind the {@link NextTokenScorer} contract: a call with prefixes
     * of one length t whose (t-1)-prefixes the previous call scored runs the decoder on position t only,
     * fed the keys and values kept from that call; anything else (prefixes of mixed lengths, a prefix
     * never extended here) runs the whole prefixes ({@link EncodedSource#logProbs}) and starts over.
     */
    private final class CachedScorer implements NextTokenScorer {
        private final EncodedSource encoded;
        /** Per prefix scored by the last call: per layer its keys, then its values, {@code [heads, t + 1, head size]}. */
        private Map<String, float[][]> cache = new HashMap<>();
        private int cachedLength = -1;

        CachedScorer(EncodedSource encoded) {
            this.encoded = encoded;
        }

        @Override
        public float[][] logProbs(int[][] prefixes) {
            int n = prefixes.length;
            int t = n == 0 ? 0 : prefixes[0].length;
            List<float[][]> parents = new ArrayList<>(n);
            for (int[] p : prefixes) {
                float[][] parent = t == 0 ? null : cache.get(key(p, t - 1));
                if (p.length != t || (t > 0 && (t != cachedLength + 1 || parent == null))) {
                    cache = new HashMap<>();
                    cachedLength = -1;
                    return encoded.logProbs(prefixes);
                }
                parents.add(parent);
            }
            int layers = g.size.layers();
            int block = g.size.heads() * t * g.size.headSize();
            List<TFloat32> fed = new ArrayList<>();
            int[] last = new int[n];
            for (int i = 0; i < n; i++) {
                last[i] = t == 0 ? TransformerVocab.PAD_ID : prefixes[i][t - 1];
            }
            try (TInt32 srcT = encoded.sources(n); TFloat32 memT = encoded.memory(n);
                    TInt32 token = TInt32.tensorOf(Shape.of(n), DataBuffers.of(last, true, false));
                    TInt32 position = TInt32.scalarOf(t)) {
                Session.Runner run = session.runner().feed(g.source, srcT).feed(g.encoderOutput, memT)
                        .feed(g.stepToken, token).feed(g.stepPosition, position).fetch(g.stepLogProbs);
                for (int l = 0; l < 2 * layers; l++) {
                    float[] stacked = new float[n * block];
                    for (int i = 0; i < n && t > 0; i++) {
                        System.arraycopy(parents.get(i)[l], 0, stacked, i * block, block);
                    }
                    TFloat32 c = TFloat32.tensorOf(Shape.of(n, g.size.heads(), t, g.size.headSize()), DataBuffers.of(stacked, true, false));
                    fed.add(c);
                    run.feed(l < layers ? g.stepCacheKeys.get(l) : g.stepCacheValues.get(l - layers), c);
                }
                for (int l = 0; l < layers; l++) {
                    run.fetch(g.stepKeys.get(l));
                }
                for (int l = 0; l < layers; l++) {
                    run.fetch(g.stepValues.get(l));
                }
                try (Result r = run.run()) {
                    int next = g.size.heads() * (t + 1) * g.size.headSize();
                    Map<String, float[][]> kept = new HashMap<>();
                    float[][] kv = new float[2 * layers][];
                    for (int l = 0; l < 2 * layers; l++) {
                        kv[l] = new float[n * next];
                        ((TFloat32) r.get(1 + l)).copyTo(DataBuffers.of(kv[l], false, false));
                    }
                    for (int i = 0; i < n; i++) {
                        float[][] mine = new float[2 * layers][];
                        for (int l = 0; l < 2 * layers; l++) {
                            mine[l] = Arrays.copyOfRange(kv[l], i * next, (i + 1) * next);
                        }
                        kept.put(key(prefixes[i], t), mine);
                    }
                    cache = kept;
                    cachedLength = t;
                    return AdamSteps.rows((TFloat32) r.get(0), n, g.vocab);
                }
            } finally {
                fed.forEach(TFloat32::close);
            }
        }

        private static String key(int[] prefix, int length) {
            return Arrays.toString(Arrays.copyOf(prefix, length));
        }
    }

    /** Writes weights and Adam's moments into a folder (the step is the training loop's to keep). */
    void saveState(Path folder) {
        trainingState.saveTo(session, folder);
    }

    void restoreState(Path folder) {
        trainingState.restoreFrom(session, folder);
    }

    /** Writes model.zip: the architecture as JSON, then the weights. */
    public void save(Path zip) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("vocab", g.vocab);
        json.put("size", g.size.name());
        json.put("layers", g.size.layers());
        json.put("hidden", g.size.hidden());
        json.put("heads", g.size.heads());
        json.put("filter", g.size.filter());
        json.put("input", "int32 subword ids [n, length] of the vocabulary (0 padding, 1 EOS ending each sentence)");
        ModelZip.write(zip, json, prefix -> checkpoint(g.checkpoint.save(), prefix));
    }

    /** A model saved by {@link #save}, on the CPU. */
    public static TransformerModel load(Path zip, int threads) throws IOException {
        try (ModelZip.Opened opened = ModelZip.open(zip, FORMAT, TransformerStage.NAME)) {
            JsonNode j = opened.model();
            TransformerSize size = new TransformerSize(j.get("size").asText(), j.get("layers").asInt(), j.get("hidden").asInt(),
                    j.get("heads").asInt(), j.get("filter").asInt());
            TransformerModel m = new TransformerModel(size, j.get("vocab").asInt(), 0, threads, DeviceSessions.CPU);
            try {
                m.checkpoint(m.g.checkpoint.restore(), opened.checkpointPrefix());
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
            return m;
        }
    }

    private void checkpoint(org.tensorflow.op.Op target, String prefix) {
        try (TString p = TString.scalarOf(prefix)) {
            session.runner().feed(g.checkpoint.prefix(), p).addTarget(target).run().close();
        }
    }

    private static TInt32 ids(int[] flat, int rows, int length) {
        return TInt32.tensorOf(Shape.of(rows, length), DataBuffers.of(flat, true, false));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
