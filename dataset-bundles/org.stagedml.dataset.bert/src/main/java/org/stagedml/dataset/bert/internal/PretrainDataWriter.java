package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * create_pretraining_data.py as a whole, on a text-lines corpus: the documents are tokenized into a
 * work file ({@link TokenizedDocuments}), shuffled with the seed (the reference's
 * {@code rng.shuffle(all_documents)}) and the first {@code max(2, round(dev_fraction * documents))} held
 * out as dev (none when dev_fraction is 0); each split makes its instances from its own documents
 * ({@link InstanceMaker}: random next segments come from the same split), train {@code dupe_factor}
 * times with other masks, dev once; the instances of a split are shuffled
 * ({@link ShuffledRecords}) and written as {@code <split>.tfrecord}. One {@link PretrainRandom} drives
 * every choice, in this order. Also writes {@code data.json} and the {@code vocab.txt} the ids refer to.
 */
final class PretrainDataWriter {
    static final List<String> OUTPUTS = List.of("train.tfrecord", "dev.tfrecord", "data.json", BertLayout.VOCAB);

    private final FullTokenizer tokenizer;
    private final PretrainSettings settings;
    private final double devFraction;
    private final long seed;
    private final BooleanSupplier cancelled;
    private final FeatureWriter.Progress progress;
    private final Consumer<String> log;

    PretrainDataWriter(FullTokenizer tokenizer, PretrainSettings settings, double devFraction, long seed,
            BooleanSupplier cancelled, FeatureWriter.Progress progress, Consumer<String> log) {
        if (!(devFraction >= 0 && devFraction < 1)) {
            throw new org.stagedml.api.ConfigException("dev_fraction must be in [0, 1), got " + devFraction);
        }
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.devFraction = devFraction;
        this.seed = seed;
        this.cancelled = cancelled;
        this.progress = progress;
        this.log = log;
    }

    /**
     * Reads the text-lines layout {@code text}, writes the outputs into {@code out} (the vocabulary
     * copied from {@code vocabFile}) and its work files into {@code work} (removed after); returns data.json.
     */
    ObjectNode write(Path text, Path vocabFile, Path out, Path work) throws IOException {
        Files.createDirectories(work);
        PretrainVocab vocab = PretrainVocab.of(tokenizer.vocabulary());
        InstanceMaker maker = new InstanceMaker(settings, vocab);
        ObjectNode data = Json.mapper().createObjectNode();
        try (TokenizedDocuments docs = new TokenizedDocuments(work.resolve("documents.bin"))) {
            progress.report(0, "tokenizing");
            // tokenizing the text took about as long as one pass making examples from it (measured)
            double tokenizing = 1.0 / (1 + settings.dupeFactor());
            TextLinesReader.read(text, tokenizer, docs::add, cancelled, (f, m) -> progress.report(tokenizing * f, m));
            int n = docs.size();
            log.accept("read " + n + " documents, " + docs.sentences() + " sentences, " + docs.tokens() + " word pieces");
            PretrainRandom rng = new PretrainRandom(seed);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            rng.shuffle(order);
            int dev = devFraction == 0 ? 0 : Math.max(2, (int) Math.round(devFraction * n));
            if (n - dev < 2) {
                throw new StagedmlException("the text has " + n + " documents: too few to hold out " + dev + " as dev (dev_fraction="
                        + devFraction + ") and keep 2 for train; random next segments need at least 2 documents per split."
                        + " Give more text (documents are separated by blank lines) or dev_fraction=0");
            }
            int[] devDocs = java.util.Arrays.copyOfRange(order, 0, dev);
            int[] trainDocs = java.util.Arrays.copyOfRange(order, dev, n);
            long steps = (long) trainDocs.length * settings.dupeFactor() + devDocs.length;
            long[] done = {0};
            ObjectNode counts = data.putObject("counts");
            ObjectNode randomNext = Json.mapper().createObjectNode();
            ObjectNode predictions = Json.mapper().createObjectNode();
            for (String split : List.of("train", "dev")) {
                int[] docsOfSplit = split.equals("train") ? trainDocs : devDocs;
                int dupes = split.equals("train") ? settings.dupeFactor() : 1;
                long[] stats = new long[2];
                try (ShuffledRecords records = new ShuffledRecords(work.resolve(split + ".records"))) {
                    IntFunction<List<int[]>> document = k -> docs.document(docsOfSplit[k]);
                    for (int d = 0; d < dupes; d++) {
                        for (int k = 0; k < docsOfSplit.length; k++) {
                            if ((done[0] & 255) == 0) {
                                if (cancelled.getAsBoolean()) {
                                    throw new CancelledException("bert-pretrain-data cancelled");
                                }
                                progress.report(tokenizing + (0.95 - tokenizing) * done[0] / Math.max(1, steps), split + ": document " + done[0] + " of " + steps);
                            }
                            for (InstanceMaker.Instance inst : maker.fromDocument(document, docsOfSplit.length, k, rng)) {
                                records.add(inst.example(settings).toExample());
                                stats[0] += inst.randomNext() ? 1 : 0;
                                stats[1] += inst.positions().length;
                            }
                            done[0]++;
                        }
                    }
                    counts.put(split, records.writeShuffled(out.resolve(split + ".tfrecord"), rng, cancelled));
                }
                randomNext.put(split, stats[0]);
                predictions.put(split, stats[1]);
            }
            data.put("max_seq_length", settings.maxSeqLength());
            data.put("max_predictions_per_seq", settings.maxPredictionsPerSeq());
            data.put("vocab_size", tokenizer.vocabulary().size());
            data.put("do_lower_case", tokenizer.doLowerCase());
            data.put("masked_lm_prob", settings.maskedLmProb());
            data.put("short_seq_prob", settings.shortSeqProb());
            data.put("whole_word_mask", settings.wholeWordMask());
            data.put("dupe_factor", settings.dupeFactor());
            data.put("dev_fraction", devFraction);
            data.put("seed", seed);
            ObjectNode documents = data.putObject("documents");
            documents.put("train", trainDocs.length);
            documents.put("dev", devDocs.length);
            data.put("sentences", docs.sentences());
            data.put("word_pieces", docs.tokens());
            data.set("random_next", randomNext); // examples whose B is a random segment (next_sentence_labels 1)
            data.set("masked_lm_predictions", predictions);
        } finally {
            deleteIfEmpty(work);
        }
        Files.copy(vocabFile, out.resolve(BertLayout.VOCAB));
        JsonFiles.write(out.resolve("data.json"), data);
        progress.report(1, "wrote " + data.get("counts"));
        return data;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }
}
