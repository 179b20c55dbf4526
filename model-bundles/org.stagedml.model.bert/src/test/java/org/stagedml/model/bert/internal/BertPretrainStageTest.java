package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.internal.BertPretrainDataStage;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.GlueFeaturesStage;
import org.stagedml.testing.RealizeFixture;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * bert-pretrain end to end through the real realizer and FileStore, with the real bert-random-init
 * (a tiny model over the generated corpus' vocabulary), the pre-training records of
 * bert-pretrain-data and a generated corpus with structure ({@link GeneratedCorpus}): the loss
 * falls, held-out MLM accuracy is far above the unigram baseline and NSP above chance; the
 * checkpoint is fine-tuned by bert-finetune-glue bert=bert-pretrain, which restores exactly the
 * pre-trained encoder; a second realize is served from the store; the same config built again
 * gives the same metrics.
 */
class BertPretrainStageTest {
    private static final int SEQ = 16;
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;
    private RealizeFixture fixture;
    private GeneratedCorpus.TextStage text;

    private static RealizeFixture fixture(Path folder, GeneratedCorpus.TextStage text) {
        return new RealizeFixture(folder).add(new BertRandomInitStage(), text, new BertPretrainDataStage(), new BertPretrainStage(null),
                new GlueFeaturesStage(), GeneratedTask.glue(400), new BertFinetuneGlueStage(null));
    }

    @BeforeEach
    void start() {
        text = new GeneratedCorpus.TextStage();
        fixture = fixture(dir.resolve("store"), text);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** bert-pretrain's overrides: the generated text, a tiny random-init BERT (L2 H64) over its vocabulary. */
    private static Map<String, Object> config() {
        Map<String, Object> c = config(5, EPOCHS);
        c.put("text.documents", 400);
        c.put("dev_fraction", 0.2);
        return c;
    }

    private static Map<String, Object> config(int dupeFactor, int epochs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text", GeneratedCorpus.TextStage.NAME);
        c.put("bert", "bert-random-init");
        c.put("bert_overrides", Json.mapper().valueToTree(GeneratedCorpus.tinyBert(64, 2, 32)));
        c.put("max_seq_length", SEQ);
        c.put("max_predictions_per_seq", 3);
        c.put("dupe_factor", dupeFactor);
        c.put("dev_fraction", 0.1);
        c.put("lr", 2e-3);
        c.put("batch", 32);
        c.put("epochs", epochs);
        c.put("eval_batch", 256);
        return c;
    }

    @Test
    void aTinyBertPretrainsOnStructuredTextAndFineTuningRestoresItByName() throws Exception {
        RRef pretrained = fixture.realize(BertPretrainStage.NAME, config());
        Path out = fixture.path(pretrained);
        JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
        for (String m : List.of("mlm_accuracy", "mlm_loss", "nsp_accuracy", "nsp_loss", "dev_loss", "loss", "steps")) {
            assertTrue(metrics.has(m), m + " in " + metrics);
        }
        // the unigram baseline: always predicting the most frequent masked token of train, on held-out
        Path data = fixture.path(fixture.dependency(pretrained, "data"));
        JsonNode info = Json.mapper().readTree(data.resolve("data.json").toFile());
        int vocab = GeneratedCorpus.vocabulary().size();
        int maxPred = info.get("max_predictions_per_seq").intValue();
        PretrainData train = PretrainData.read(data.resolve("train.tfrecord"), SEQ, maxPred, vocab);
        PretrainData dev = PretrainData.read(data.resolve("dev.tfrecord"), SEQ, maxPred, vocab);
        double baseline = unigramAccuracy(train, dev, vocab);
        double mlm = metrics.get("mlm_accuracy").doubleValue();
        assertTrue(mlm > baseline + 0.25, "held-out MLM accuracy " + mlm + " vs unigram baseline " + baseline + ": " + metrics);
        System.out.println("bert-pretrain L2 H64: " + metrics + ", unigram baseline " + baseline + ", " + train.size() + " train, "
                + dev.size() + " held-out examples");
        double nsp = metrics.get("nsp_accuracy").doubleValue();
        assertTrue(nsp > 0.6, "held-out NSP accuracy " + nsp + " (chance about 0.5): " + metrics);

        // the loss falls; history has a record per step and one per epoch with the held-out metrics
        List<JsonNode> steps = new ArrayList<>();
        List<JsonNode> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("history.jsonl"))) {
            JsonNode h = Json.mapper().readTree(line);
            (h.has("split") ? epochs : steps).add(h);
        }
        assertEquals(EPOCHS, epochs.size());
        assertEquals(metrics.get("steps").intValue(), steps.size());
        double first = meanLoss(steps.subList(0, 10));
        double last = meanLoss(steps.subList(steps.size() - 10, steps.size()));
        assertTrue(last < 0.6 * first, "training loss " + first + " at the start, " + last + " at the end");
        assertEquals(mlm, epochs.get(EPOCHS - 1).get("mlm_accuracy").doubleValue());
        assertTrue(epochs.get(0).get("dev_loss").doubleValue() > epochs.get(EPOCHS - 1).get("dev_loss").doubleValue());
        assertTrue(javax.imageio.ImageIO.read(out.resolve(FineTuner.CURVES).toFile()).getWidth() > 100);

        // bert-checkpoint's layout with its vocabulary, the encoder and heads under Google's names
        for (String f : BertLayout.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Path bert = fixture.path(fixture.dependency(pretrained, "bert"));
        assertEquals(-1, Files.mismatch(bert.resolve(BertLayout.VOCAB), out.resolve(BertLayout.VOCAB)));
        JsonNode model = Json.mapper().readTree(out.resolve(BertLayout.MODEL_JSON).toFile());
        assertEquals("bert-pretrain", model.get("model").textValue());
        assertTrue(model.get("do_lower_case").booleanValue());
        List<String> names = List.of("bert/embeddings/word_embeddings", "bert/encoder/layer_1/output/dense/kernel",
                "bert/pooler/dense/kernel", "cls/predictions/output_bias", "cls/predictions/transform/dense/kernel",
                "cls/predictions/transform/LayerNorm/gamma", "cls/seq_relationship/output_weights", "cls/seq_relationship/output_bias");
        List<float[]> trained = read(out.resolve(BertLayout.CHECKPOINT_PREFIX), names);
        List<float[]> initial = read(bert.resolve(BertLayout.CHECKPOINT_PREFIX), names.subList(0, 3));
        for (int i = 0; i < 3; i++) {
            assertFalse(java.util.Arrays.equals(initial.get(i), trained.get(i)), names.get(i) + " was trained");
        }
        // so continuing this checkpoint (bert=bert-pretrain) restores the heads too; the random init has none
        BertHyper h = BertHyper.read(out.resolve(BertLayout.CONFIG));
        Map<String, long[]> heads = Pretrainer.headNames(h, SEQ, maxPred);
        assertEquals(7, heads.size(), heads.keySet().toString());
        assertTrue(Pretrainer.holds(out.resolve(BertLayout.CHECKPOINT_PREFIX), heads));
        assertFalse(Pretrainer.holds(bert.resolve(BertLayout.CHECKPOINT_PREFIX), heads));

        // fine-tuning takes it as its bert: glue-features tokenizes with its vocab.txt, the encoder is restored by name
        Map<String, Object> finetune = new LinkedHashMap<>();
        finetune.put("task", "VOWEL");
        finetune.put("bert_stage", BertPretrainStage.NAME); // the old name of the field bert
        config().forEach((k, v) -> finetune.put("bert." + k, v));
        finetune.putAll(Map.of("max_seq_length", SEQ, "lr", 1e-3, "batch", 16, "epochs", 6, "eval_batch", 100));
        RRef tuned = fixture.realize(BertFinetuneGlueStage.NAME, finetune);
        assertEquals(pretrained, fixture.dependency(tuned, "bert"), "the fine-tuning used the pre-trained realization");
        assertEquals(pretrained, fixture.dependency(tuned, "features.bert"), "and glue-features tokenized with its vocabulary");
        double accuracy = fixture.metrics(tuned).get("accuracy");
        assertTrue(accuracy > 0.6, "fine-tuned dev accuracy (chance 0.5)  " + accuracy);
        // what the fine-tuning loop restores (FineTuner.restore into a FineTuneGraph) is what pre-training wrote
        BertHyper hyper = BertHyper.read(out.resolve(BertLayout.CONFIG));
        try (Graph g = new Graph()) {
            FineTuneGraph m = new FineTuneGraph(g, hyper, SEQ, 2, false, 0.01, FineTuneGraph::encoderParameter);
            try (Session s = new Session(g)) {
                FineTuner.restore(s, m, out.resolve(BertLayout.CHECKPOINT_PREFIX));
                List<ParameterSet.Parameter> encoder = m.params.all().stream().filter(p -> FineTuneGraph.encoderParameter(p.name())).toList();
                List<float[]> written = read(out.resolve(BertLayout.CHECKPOINT_PREFIX), encoder.stream().map(ParameterSet.Parameter::name).toList());
                Session.Runner r = s.runner();
                encoder.forEach(p -> r.fetch(p.read()));
                try (Result res = r.run()) {
                    for (int i = 0; i < encoder.size(); i++) {
                        assertArrayEquals(written.get(i), values((TFloat32) res.get(i)), encoder.get(i).name());
                    }
                }
            }
        }

        // again: served from the store, nothing rebuilt
        int textBuilds = text.builds();
        assertEquals(pretrained, fixture.realize(BertPretrainStage.NAME, config()));
        assertEquals(textBuilds, text.builds());
        assertEquals(1, fixture.store().realizations(pretrained.dref()).size());
    }

    @Test
    void theSameConfigBuiltTwiceGivesTheSameMetricsOnTheCpu() throws Exception {
        Map<String, Object> small = config(1, 1);
        small.put("text.documents", 100);
        JsonNode first = Json.mapper().readTree(fixture.path(fixture.realize(BertPretrainStage.NAME, small)).resolve("metrics.json").toFile());
        fixture.close();
        fixture = fixture(dir.resolve("store2"), new GeneratedCorpus.TextStage());
        JsonNode again = Json.mapper().readTree(fixture.path(fixture.realize(BertPretrainStage.NAME, small)).resolve("metrics.json").toFile());
        for (String m : List.of("mlm_accuracy", "nsp_accuracy", "mlm_loss", "nsp_loss", "loss", "steps")) {
            assertEquals(first.get(m).doubleValue(), again.get(m).doubleValue(), 1e-9, m);
        }
    }

    @Test
    void continuingAPretrainedCheckpointRestoresTheEncoderAndTheHeadsByName() throws Exception {
        Map<String, Object> inner = config(3, 3);
        inner.put("text.documents", 200);
        RRef first = fixture.realize(BertPretrainStage.NAME, inner);
        double before = fixture.metrics(first).get("mlm_accuracy");
        // bert-pretrain on top of bert-pretrain: the same text, seed and vocabulary give the same held-out
        // examples; with a learning rate of almost 0 the restored model scores as it did (new heads would not)
        Map<String, Object> outer = new LinkedHashMap<>();
        inner.forEach((k, v) -> outer.put("bert." + k, v));
        inner.forEach((k, v) -> outer.put(k, v));
        outer.put("bert", BertPretrainStage.NAME);
        outer.remove("bert_overrides");
        outer.put("lr", 1e-8);
        outer.put("epochs", 1);
        RRef continued = fixture.realize(BertPretrainStage.NAME, outer);
        assertEquals(first, fixture.dependency(continued, "bert"));
        Map<String, Double> after = fixture.metrics(continued);
        assertTrue(before > 0.25, "the first pre-training learned (new heads score about 1/vocab): " + before);
        assertEquals(before, after.get("mlm_accuracy"), 0.02, "continued from the checkpoint: " + after);
        assertTrue(Files.readString(fixture.path(continued).resolve("history.jsonl")).contains("mlm_accuracy"));
    }

    @Test
    void refusesBadConfigsAndSharesOneCheckpointWithItsData() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> fixture.realizer().instantiate(BertPretrainStage.NAME, Map.of("text", GeneratedCorpus.TextStage.NAME, "masked_lm_prob", 1.5)));
        assertTrue(e.getMessage().contains("masked_lm_prob"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> fixture.realizer().instantiate(BertPretrainStage.NAME,
                Map.of("text", GeneratedCorpus.TextStage.NAME, "dev_fraction", 0.0)));
        assertTrue(e.getMessage().contains("dev_fraction"), e.getMessage());
        // a text stage that writes no text-lines is refused naming the field
        e = assertThrows(ConfigException.class, () -> fixture.realizer().instantiate(BertPretrainStage.NAME, Map.of("text", "bert-random-init")));
        assertTrue(e.getMessage().contains("text"), e.getMessage());
        var closure = fixture.realizer().instantiate(BertPretrainStage.NAME, config());
        long checkpoints = closure.nodes().stream().filter(n -> n.derivation().stage().equals("bert-random-init")).count();
        assertEquals(1, checkpoints, "the records and the model share one checkpoint derivation (one vocabulary)");
        long texts = closure.nodes().stream().filter(n -> n.derivation().stage().equals(GeneratedCorpus.TextStage.NAME)).count();
        assertEquals(1, texts);
        assertTrue(new BertPretrainStage(null).provides().contains(BertLayout.LAYOUT));
    }

    /** The accuracy on dev of always predicting train's most frequent masked token (weighted as the metric). */
    static double unigramAccuracy(PretrainData train, PretrainData dev, int vocab) {
        double[] counts = new double[vocab];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < train.maxPredictions; j++) {
                counts[train.maskedId(i, j)] += train.weight(i, j);
            }
        }
        int best = 0;
        for (int t = 1; t < vocab; t++) {
            if (counts[t] > counts[best]) {
                best = t;
            }
        }
        double hit = 0;
        double all = 0;
        for (int i = 0; i < dev.size(); i++) {
            for (int j = 0; j < dev.maxPredictions; j++) {
                all += dev.weight(i, j);
                if (dev.maskedId(i, j) == best) {
                    hit += dev.weight(i, j);
                }
            }
        }
        return hit / all;
    }

    private static double meanLoss(List<JsonNode> steps) {
        return steps.stream().mapToDouble(h -> h.get("loss").doubleValue()).average().orElseThrow();
    }

    private static float[] values(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }

    /** Float tensors of a checkpoint by name (RestoreV2). */
    static List<float[]> read(Path prefix, List<String> names) {
        return Pretrainer.read(prefix, names).stream().map(Pretrainer.Stored::values).toList();
    }
}
