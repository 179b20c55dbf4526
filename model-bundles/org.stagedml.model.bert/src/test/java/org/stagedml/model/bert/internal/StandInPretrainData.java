package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Stage;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.TfRecordWriter;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Stands in for {@code bert-pretrain-data} (dataset.bert, another branch) with its schema and the
 * bert-pretrain-records layout: one example per pair of consecutive sentences of a document
 * ({@code [CLS] A [SEP] B [SEP]}, B random from another document half of the time), words split at
 * blanks and looked up in the bert dependency's vocab.txt, {@code masked_lm_prob} of the tokens
 * masked (80 % [MASK], 10 % random, 10 % kept), {@code dupe_factor} maskings, the last
 * {@code dev_fraction} of the documents held out.
 */
final class StandInPretrainData implements Stage {
    @Override
    public String name() {
        return BertPretrainStage.DATA_STAGE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "stand-in pre-training records for tests";
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.BERT_PRETRAIN_RECORDS);
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(
                FieldSpec.stage("bert", "bert-checkpoint", List.of(BertLayout.LAYOUT), "vocabulary"),
                FieldSpec.stage("text", "wikitext", List.of(DataLayouts.TEXT_LINES), "text"),
                FieldSpec.integer("max_seq_length", 128, ""), FieldSpec.integer("max_predictions_per_seq", 20, ""),
                FieldSpec.number("masked_lm_prob", 0.15, ""), FieldSpec.integer("dupe_factor", 10, ""),
                FieldSpec.number("short_seq_prob", 0.1, ""), FieldSpec.bool("whole_word_mask", false, ""),
                FieldSpec.number("dev_fraction", 0.05, ""), FieldSpec.integer("seed", 1, ""));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.tfrecord", "dev.tfrecord", "data.json", "vocab.txt");
    }

    @Override
    public void build(BuildContext b) throws IOException {
        Config c = b.config();
        Path bert = b.dependencyPath("bert");
        List<String> vocab = Files.readAllLines(bert.resolve(BertLayout.VOCAB)).stream().map(String::strip).toList();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        List<List<int[]>> documents = new ArrayList<>();
        List<int[]> doc = new ArrayList<>();
        try (var files = Files.list(b.dependencyPath("text").resolve("text"))) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        if (!doc.isEmpty()) {
                            documents.add(doc);
                        }
                        doc = new ArrayList<>();
                        continue;
                    }
                    String[] words = line.toLowerCase(Locale.ROOT).strip().split("\\s+");
                    doc.add(java.util.Arrays.stream(words).mapToInt(w -> ids.getOrDefault(w, ids.get("[UNK]"))).toArray());
                }
            }
        }
        if (!doc.isEmpty()) {
            documents.add(doc);
        }
        int devDocs = Math.max(1, (int) Math.round(documents.size() * c.getDouble("dev_fraction")));
        Random r = new Random(c.getLong("seed"));
        int seq = c.getInt("max_seq_length");
        int maxPred = c.getInt("max_predictions_per_seq");
        long train = write(b.out().resolve("train.tfrecord"), documents, 0, documents.size() - devDocs, c, r, ids, vocab.size(), seq, maxPred);
        long dev = write(b.out().resolve("dev.tfrecord"), documents, documents.size() - devDocs, documents.size(), c, r, ids, vocab.size(),
                seq, maxPred);
        Files.copy(bert.resolve(BertLayout.VOCAB), b.out().resolve("vocab.txt"));
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("max_seq_length", seq);
        data.put("max_predictions_per_seq", maxPred);
        data.put("vocab_size", vocab.size());
        data.putObject("counts").put("train", train).put("dev", dev);
        Files.writeString(b.out().resolve("data.json"), data.toString());
    }

    private static long write(Path file, List<List<int[]>> docs, int from, int to, Config c, Random r, Map<String, Integer> ids,
            int vocabSize, int seq, int maxPred) throws IOException {
        int cls = ids.get("[CLS]");
        int sep = ids.get("[SEP]");
        int mask = ids.get("[MASK]");
        try (TfRecordWriter w = new TfRecordWriter(file)) {
            for (int dupe = 0; dupe < c.getInt("dupe_factor"); dupe++) {
                for (int d = from; d < to; d++) {
                    List<int[]> doc = docs.get(d);
                    for (int i = 0; i + 1 < doc.size(); i++) {
                        int[] a = doc.get(i);
                        int[] bSentence = doc.get(i + 1);
                        int random = 0;
                        if (to - from > 1 && r.nextBoolean()) {
                            int other;
                            do {
                                other = from + r.nextInt(to - from);
                            } while (other == d);
                            List<int[]> o = docs.get(other);
                            bSentence = o.get(r.nextInt(o.size()));
                            random = 1;
                        }
                        List<Integer> tokens = new ArrayList<>();
                        List<Integer> segments = new ArrayList<>();
                        tokens.add(cls);
                        segments.add(0);
                        for (int t : a) {
                            tokens.add(t);
                            segments.add(0);
                        }
                        tokens.add(sep);
                        segments.add(0);
                        for (int t : bSentence) {
                            tokens.add(t);
                            segments.add(1);
                        }
                        tokens.add(sep);
                        segments.add(1);
                        if (tokens.size() > seq) {
                            throw new IllegalStateException("sentences too long for max_seq_length " + seq);
                        }
                        List<Integer> candidates = new ArrayList<>();
                        for (int p = 0; p < tokens.size(); p++) {
                            if (tokens.get(p) != cls && tokens.get(p) != sep) {
                                candidates.add(p);
                            }
                        }
                        Collections.shuffle(candidates, r);
                        int n = Math.min(maxPred, Math.max(1, (int) Math.round(tokens.size() * c.getDouble("masked_lm_prob"))));
                        List<Integer> chosen = new ArrayList<>(candidates.subList(0, n));
                        Collections.sort(chosen);
                        long[] positions = new long[maxPred];
                        long[] labels = new long[maxPred];
                        float[] weights = new float[maxPred];
                        for (int k = 0; k < chosen.size(); k++) {
                            int p = chosen.get(k);
                            positions[k] = p;
                            labels[k] = tokens.get(p);
                            weights[k] = 1;
                            double x = r.nextDouble();
                            tokens.set(p, x < 0.8 ? mask : x < 0.9 ? tokens.get(p) : r.nextInt(vocabSize));
                        }
                        long[] inputIds = new long[seq];
                        long[] inputMask = new long[seq];
                        long[] segmentIds = new long[seq];
                        for (int p = 0; p < tokens.size(); p++) {
                            inputIds[p] = tokens.get(p);
                            inputMask[p] = 1;
                            segmentIds[p] = segments.get(p);
                        }
                        Features.Builder f = Features.newBuilder().putFeature("input_ids", ints(inputIds))
                                .putFeature("input_mask", ints(inputMask)).putFeature("segment_ids", ints(segmentIds))
                                .putFeature("masked_lm_positions", ints(positions)).putFeature("masked_lm_ids", ints(labels))
                                .putFeature("masked_lm_weights", floats(weights))
                                .putFeature("next_sentence_labels", ints(new long[] {random}));
                        w.write(Example.newBuilder().setFeatures(f).build().toByteArray());
                    }
                }
            }
            return w.records();
        }
    }

    private static Feature ints(long[] v) {
        Int64List.Builder l = Int64List.newBuilder();
        for (long x : v) {
            l.addValue(x);
        }
        return Feature.newBuilder().setInt64List(l).build();
    }

    private static Feature floats(float[] v) {
        FloatList.Builder l = FloatList.newBuilder();
        for (float x : v) {
            l.addValue(x);
        }
        return Feature.newBuilder().setFloatList(l).build();
    }
}
