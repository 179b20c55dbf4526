package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * BERT pre-training as run_pretraining.py: the encoder (from a bert-checkpoint or bert-random-init
 * realization, restored by name) with the masked-LM and next-sentence heads ({@link PretrainHeads}),
 * trained on bert-pretrain-records by {@link FineTuner}'s loop (AdamW, linear warmup and decay,
 * dropout, resume, GPU pinning), evaluated on the held-out split after every epoch (masked-LM
 * accuracy and loss weighted by masked_lm_weights as run_pretraining's metric_fn, next-sentence
 * accuracy and loss). Writes the checkpoint in bert-checkpoint's layout (encoder and heads under
 * Google's names), bert_config.json, vocab.txt and model.json.
 */
final class Pretrainer {
    static final String DATA_JSON = "data.json";
    static final String TRAIN = "train.tfrecord";
    static final String DEV = "dev.tfrecord";
    static final String DEV_METRIC = "mlm_accuracy";

    private final FineTuner tuner;
    private final FineTuneSettings s;
    private final TrainingSink sink;

    Pretrainer(FineTuner tuner, FineTuneSettings settings, TrainingSink sink) {
        this.tuner = tuner;
        this.s = settings;
        this.sink = sink;
    }

    /** Pre-trains the checkpoint of {@code bert} on the records of {@code data} into {@code out}; returns the final metrics. */
    Map<String, Double> run(Path bert, Path data, Path out) throws IOException {
        BertHyper hyper = BertHyper.read(bert.resolve(BertLayout.CONFIG));
        JsonNode info = Json.mapper().readTree(data.resolve(DATA_JSON).toFile());
        int seqLength = positive(info, "max_seq_length", data);
        int maxPredictions = positive(info, "max_predictions_per_seq", data);
        checkVocabulary(bert, data, hyper);
        // the examples go into memory-mapped work files in the build's folder (on the store's disk, not
        // the heap); their names are removed at once (the mappings stay valid), so the output holds none
        Path work = Files.createDirectories(out.resolve("work"));
        PretrainData train;
        PretrainData dev;
        try {
            train = PretrainData.read(data.resolve(TRAIN), work.resolve("train.bin"), seqLength, maxPredictions, hyper.vocabSize());
            dev = PretrainData.read(data.resolve(DEV), work.resolve("dev.bin"), seqLength, maxPredictions, hyper.vocabSize());
        } finally {
            Files.deleteIfExists(work.resolve("train.bin"));
            Files.deleteIfExists(work.resolve("dev.bin"));
            Files.deleteIfExists(work);
        }
        if (train.size() == 0) {
            throw new StagedmlException("the train split of " + data + " is empty; give the text stage more documents");
        }
        if (dev.size() == 0) {
            throw new StagedmlException("the dev split of " + data + " is empty; raise the data's dev_fraction or give more documents");
        }
        PretrainHeads heads = new PretrainHeads(maxPredictions);
        Path prefix = bert.resolve(BertLayout.CHECKPOINT_PREFIX);
        boolean headsInCheckpoint = holds(prefix, headNames(hyper, seqLength, maxPredictions));
        sink.log("pre-training on " + train.size() + " train, " + dev.size() + " held-out examples (max_seq_length " + seqLength
                + ", max_predictions_per_seq " + maxPredictions + "); the heads are "
                + (headsInCheckpoint ? "restored from the checkpoint" : "new (initialized as BERT's)"));
        FineTuner.TrainingTask task = new FineTuner.TrainingTask() {
            @Override
            public int trainSize() {
                return train.size();
            }

            @Override
            public FineTuner.Fed feed(Session.Runner r, FineTuneGraph m, int[] idx) {
                PretrainData.Batch b = train.batch(idx);
                feedBatch(r, m, heads, b);
                return b;
            }

            @Override
            public Map<String, Double> evaluate(Session session, FineTuneGraph m) {
                return Pretrainer.this.evaluate(session, m, heads, dev);
            }

            @Override
            public String devMetric() {
                return DEV_METRIC;
            }

            @Override
            public String title() {
                return "bert-pretrain";
            }
        };
        Map<String, Double> metrics = tuner.fineTune(bert, out, task, graph -> new FineTuneGraph(graph, hyper, seqLength, heads, 2, false,
                s.weightDecay(), name -> !PretrainHeads.headParameter(name) || headsInCheckpoint));
        writeModelJson(bert, out, seqLength, maxPredictions, train.size());
        return metrics;
    }

    private static int positive(JsonNode info, String field, Path data) {
        int v = info.path(field).asInt(0);
        if (v < 1) {
            throw new StagedmlException(data.resolve(DATA_JSON) + " has no positive " + field + "; rebuild bert-pretrain-data");
        }
        return v;
    }

    /** The records' ids must refer to the model's vocabulary: the same vocab.txt, when the data holds one. */
    private static void checkVocabulary(Path bert, Path data, BertHyper hyper) throws IOException {
        Path dataVocab = data.resolve(BertLayout.VOCAB);
        if (Files.isRegularFile(dataVocab) && Files.mismatch(dataVocab, bert.resolve(BertLayout.VOCAB)) != -1) {
            throw new StagedmlException("the pre-training data " + data + " was tokenized with another vocab.txt than the checkpoint "
                    + bert + "; build the data with the same bert (bert-pretrain hands it its own)");
        }
        JsonNode size = Json.mapper().readTree(data.resolve(DATA_JSON).toFile()).get("vocab_size");
        if (size != null && size.asInt() != hyper.vocabSize()) {
            throw new StagedmlException("the pre-training data's vocab_size " + size.asInt() + " is not the checkpoint's "
                    + hyper.vocabSize() + "; build the data with the same bert");
        }
    }

    /** The heads' variable names and shapes, from the forward graph of the same model (no gradients). */
    static Map<String, long[]> headNames(BertHyper hyper, int seqLength, int maxPredictions) {
        Map<String, long[]> names = new LinkedHashMap<>();
        try (Graph g = new Graph()) {
            GraphScopes scopes = new GraphScopes(Ops.create(g));
            ParameterSet params = new ParameterSet(scopes);
            new PretrainHeads(maxPredictions).build(scopes.root(), scopes, params, new BertEncoder(scopes, params, hyper, seqLength));
            params.all().stream().filter(p -> PretrainHeads.headParameter(p.name())).forEach(p -> names.put(p.name(), p.shape()));
        }
        return names;
    }

    /**
     * Whether the checkpoint holds every one of these variables with these shapes (Google's
     * checkpoints hold the pre-training heads, bert-random-init's do not): there is no listing op, so
     * this restores them and sees whether that fails.
     */
    static boolean holds(Path prefix, Map<String, long[]> names) {
        try {
            List<Stored> stored = read(prefix, new ArrayList<>(names.keySet()));
            int i = 0;
            for (long[] shape : names.values()) {
                if (!java.util.Arrays.equals(stored.get(i++).shape(), shape)) {
                    return false;
                }
            }
            return true;
        } catch (TensorFlowException e) {
            return false;
        }
    }

    /** A float variable as a checkpoint stores it. */
    record Stored(long[] shape, float[] values) {
    }

    /** Float variables of a checkpoint by name (RestoreV2 in a small CPU graph); TensorFlowException when one is missing. */
    static List<Stored> read(Path prefix, List<String> names) {
        ConfigProto cpu = ConfigProto.newBuilder().putDeviceCount("GPU", 0).build();
        try (Graph g = new Graph(); Session session = new Session(g, cpu)) {
            Ops tf = Ops.create(g);
            String[] slices = new String[names.size()];
            java.util.Arrays.fill(slices, "");
            List<Class<? extends TType>> types = new ArrayList<>();
            names.forEach(n -> types.add(TFloat32.class));
            var restore = tf.train.restore(tf.constant(prefix.toString()), tf.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new))),
                    tf.constant(NdArrays.vectorOfObjects(slices)), types);
            Session.Runner r = session.runner();
            restore.tensors().forEach(r::fetch);
            List<Stored> out = new ArrayList<>();
            try (Result res = r.run()) {
                for (int i = 0; i < names.size(); i++) {
                    TFloat32 t = (TFloat32) res.get(i);
                    float[] v = new float[(int) t.shape().size()];
                    t.copyTo(DataBuffers.of(v, false, false));
                    out.add(new Stored(t.shape().asArray(), v));
                }
            }
            return out;
        }
    }

    private static void feedBatch(Session.Runner r, FineTuneGraph m, PretrainHeads h, PretrainData.Batch b) {
        r.feed(m.encoder.inputIds, b.inputIds()).feed(m.encoder.inputMask, b.inputMask()).feed(m.encoder.segmentIds, b.segmentIds())
                .feed(h.positions, b.positions()).feed(h.maskedIds, b.maskedIds()).feed(h.maskedWeights, b.weights())
                .feed(h.nextSentence, b.nextSentence());
    }

    /**
     * run_pretraining's metric_fn on a split, without dropout: masked-LM accuracy and mean loss
     * weighted by masked_lm_weights, next-sentence accuracy and mean loss, and their sum {@code loss_dev}.
     */
    Map<String, Double> evaluate(Session session, FineTuneGraph m, PretrainHeads h, PretrainData data) {
        int n = data.size();
        int p = data.maxPredictions;
        double mlmCorrect = 0;
        double mlmLoss = 0;
        double weightSum = 0;
        long nspCorrect = 0;
        double nspLoss = 0;
        for (int from = 0; from < n; from += s.evalBatch()) {
            sink.checkCancelled();
            int to = Math.min(n, from + s.evalBatch());
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            try (PretrainData.Batch b = data.batch(idx)) {
                Session.Runner r = session.runner();
                feedBatch(r, m, h, b);
                r.fetch(h.mlmPredicted).fetch(h.mlmExampleLoss).fetch(h.nspPredicted).fetch(h.nspExampleLoss);
                try (Result res = r.run()) {
                    TInt64 predicted = (TInt64) res.get(0);
                    TFloat32 loss = (TFloat32) res.get(1);
                    TInt64 nsp = (TInt64) res.get(2);
                    TFloat32 nspExample = (TFloat32) res.get(3);
                    for (int i = 0; i < idx.length; i++) {
                        int e = idx[i];
                        for (int j = 0; j < p; j++) {
                            float w = data.weight(e, j);
                            if (w == 0) {
                                continue;
                            }
                            weightSum += w;
                            mlmLoss += w * loss.getFloat(i * p + j);
                            if (predicted.getLong(i * p + j) == data.maskedId(e, j)) {
                                mlmCorrect += w;
                            }
                        }
                        if (nsp.getLong(i) == data.nextSentence(e)) {
                            nspCorrect++;
                        }
                        nspLoss += nspExample.getFloat(i);
                    }
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(DEV_METRIC, weightSum > 0 ? mlmCorrect / weightSum : 0);
        metrics.put("mlm_loss", weightSum > 0 ? mlmLoss / weightSum : 0);
        metrics.put("nsp_accuracy", (double) nspCorrect / n);
        metrics.put("nsp_loss", nspLoss / n);
        metrics.put("dev_loss", metrics.get("mlm_loss") + metrics.get("nsp_loss"));
        return metrics;
    }

    private static void writeModelJson(Path bert, Path out, int seqLength, int maxPredictions, int trainExamples) throws IOException {
        JsonNode source = Files.isRegularFile(bert.resolve(BertLayout.MODEL_JSON))
                ? Json.mapper().readTree(bert.resolve(BertLayout.MODEL_JSON).toFile()) : Json.mapper().createObjectNode();
        ObjectNode model = Json.mapper().createObjectNode();
        model.put("model", "bert-pretrain");
        model.put("base_model", source.path("model").asText("unknown"));
        model.put("do_lower_case", source.path("do_lower_case").asBoolean(true));
        model.put("max_seq_length", seqLength);
        model.put("max_predictions_per_seq", maxPredictions);
        model.put("train_examples", trainExamples);
        model.put("heads", "cls/predictions (masked LM, output tied to the word embeddings), cls/seq_relationship (next sentence)");
        Files.writeString(out.resolve(BertLayout.MODEL_JSON), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(model));
    }
}
