package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertChoice;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;

/**
 * {@code bert-pretrain-data text=wikitext bert=bert-random-init}: BERT's pre-training examples as
 * google-research/bert's create_pretraining_data.py makes them (masked LM and next sentence pairs;
 * {@link PretrainDataWriter}) from a text-lines corpus (dependency {@code text}: {@code wikitext} by
 * default, or {@code text-corpus}, or any stage providing text-lines) with the WordPiece vocabulary
 * and do_lower_case of a checkpoint (dependency {@code bert}: {@code bert-random-init} by default, so
 * it runs offline; {@code bert=bert-checkpoint model=base} for Google's; see {@link BertChoice}).
 * Writes the bert-pretrain-records layout: train.tfrecord, dev.tfrecord (held-out documents),
 * data.json and vocab.txt.
 */
@Component(service = Stage.class)
@StageProperties(name = BertPretrainDataStage.NAME, version = 1,
        description = "BERT pre-training examples (masked LM, next sentence) from text-lines, as create_pretraining_data.py")
public class BertPretrainDataStage implements Stage {
    public static final String NAME = "bert-pretrain-data";
    static final String TEXT = "text";
    static final String DEFAULT_TEXT = "wikitext";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.stage(BertChoice.FIELD, BertRandomInitStage.NAME, List.of(BertLayout.LAYOUT),
                    "the stage of the BERT whose vocabulary and do_lower_case to use: bert-random-init (bert.vocab=...),"
                            + " or bert-checkpoint with model=..."),
            BertVocabulary.MODEL,
            FieldSpec.stage(TEXT, DEFAULT_TEXT, List.of(DataLayouts.TEXT_LINES),
                    "the stage of the text (one sentence per line, blank lines between documents): wikitext, text-corpus, ..."),
            FieldSpec.integer("max_seq_length", 128, "tokens per example, [CLS] and both [SEP]s included"),
            FieldSpec.integer("max_predictions_per_seq", 20, "masked positions per example at most"),
            FieldSpec.number("masked_lm_prob", 0.15, "fraction of an example's tokens masked (up to max_predictions_per_seq)"),
            FieldSpec.integer("dupe_factor", 10, "how many times the train documents are used, each time with other masks"),
            FieldSpec.number("short_seq_prob", 0.1, "how often an example aims at a random shorter length"),
            FieldSpec.bool("whole_word_mask", false, "mask all the ## pieces of a word together"),
            FieldSpec.number("dev_fraction", 0.02, "fraction of the documents held out as dev (at least 2 when above 0)"),
            FieldSpec.integer("seed", 12345, "seed of every random choice; the same seed writes the same bytes"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.BERT_PRETRAIN_RECORDS);
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        settings(config);
        devFraction(config);
        Map<String, Dependency> deps = new LinkedHashMap<>();
        BertChoice.addDependency(config, deps);
        return deps;
    }

    static PretrainSettings settings(Config c) {
        try {
            return new PretrainSettings(c.getInt("max_seq_length"), c.getInt("max_predictions_per_seq"),
                    c.getDouble("masked_lm_prob"), c.getDouble("short_seq_prob"), c.getBoolean("whole_word_mask"),
                    c.getInt("dupe_factor"));
        } catch (ConfigException e) {
            throw new ConfigException("stage '" + NAME + "': " + e.getMessage());
        }
    }

    private static double devFraction(Config c) {
        double f = c.getDouble("dev_fraction");
        if (!(f >= 0 && f < 1)) {
            throw new ConfigException("stage '" + NAME + "': dev_fraction must be in [0, 1), got " + f);
        }
        return f;
    }

    @Override
    public List<String> promises(Config config) {
        return PretrainDataWriter.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        PretrainSettings settings = settings(c);
        java.nio.file.Path bert = b.dependencyPath(BertChoice.FIELD);
        FullTokenizer tokenizer = BertVocabulary.tokenizer(bert, settings.maxSeqLength(), NAME);
        b.log("making pre-training examples (do_lower_case=" + tokenizer.doLowerCase() + ", max_seq_length="
                + settings.maxSeqLength() + ", dupe_factor=" + settings.dupeFactor() + ")");
        ObjectNode data = new PretrainDataWriter(tokenizer, settings, devFraction(c), c.getLong("seed"), b::cancelled,
                b::progress, b::log).write(b.dependencyPath(TEXT), bert.resolve(BertLayout.VOCAB), b.out(),
                        b.out().resolve("work"));
        b.log("wrote " + data.get("counts") + " examples from " + data.get("documents") + " documents");
    }
}
