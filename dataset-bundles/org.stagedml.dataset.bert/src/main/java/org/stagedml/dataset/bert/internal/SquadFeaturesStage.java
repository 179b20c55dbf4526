package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertChoice;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.SquadConverter;
import org.stagedml.dataset.bert.SquadExample;
import org.stagedml.dataset.bert.SquadFeature;
import org.stagedml.dataset.bert.TfRecordWriter;

/**
 * {@code squad-features model=base max_seq_length=384 doc_stride=128 max_query_length=64}: SQuAD
 * (dependency {@code squad}) as BERT windows for a checkpoint's vocabulary (dependency {@code bert},
 * chosen by the field {@code bert}: {@code bert-checkpoint} by default, or e.g. {@code bert=bert-random-init
 * bert.hidden_size=64}; see {@link BertChoice}), converted as run_squad.py does ({@link SquadConverter}). Writes {@code train.tfrecord} (training
 * windows with answer positions; questions whose answer is not at its offset are skipped, as the
 * reference does), {@code dev.tfrecord}, {@code dev_features.jsonl} (per dev window: unique id,
 * question index, tokens, token -> word map, max-context flags), {@code dev.jsonl} (the squad dev
 * questions, in the order of the question indexes) and {@code features.json}.
 */
@Component(service = Stage.class)
@StageProperties(name = SquadFeaturesStage.NAME, version = 1,
        description = "SQuAD 1.1 as BERT inputs (TFRecord): doc_stride windows, answer positions, the maps back to the text")
public class SquadFeaturesStage implements Stage {
    public static final String NAME = "squad-features";
    static final String SQUAD = "squad";
    static final List<String> OUTPUTS = List.of("train.tfrecord", "dev.tfrecord", "dev_features.jsonl", "dev.jsonl", "features.json");
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ConfigSchema SCHEMA = BertChoice.withOldNames(ConfigSchema.of(
            BertVocabulary.MODEL,
            BertChoice.field("vocabulary"),
            FieldSpec.integer("max_seq_length", 384, "word pieces per window, [CLS] and [SEP]s included"),
            FieldSpec.integer("doc_stride", 128, "how far each window of a long context starts after the last, in word pieces"),
            FieldSpec.integer("max_query_length", 64, "word pieces of the question kept; longer questions are cut")));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(SQUAD, Dependency.on("squad", Map.of()));
        BertChoice.addDependency(config, deps);
        return deps;
    }

    private static void validate(Config c) {
        long seq = c.getLong("max_seq_length");
        long query = c.getLong("max_query_length");
        long stride = c.getLong("doc_stride");
        if (query < 1 || stride < 1) {
            throw new ConfigException("stage '" + NAME + "': doc_stride and max_query_length must be at least 1, got " + stride
                    + " and " + query);
        }
        if (seq < query + 4) {
            // windows hold max_seq_length - question pieces - 3 context pieces: keep room for at least one
            throw new ConfigException("stage '" + NAME + "': max_seq_length " + seq + " leaves no room for the context after"
                    + " questions of max_query_length " + query + " and [CLS], [SEP], [SEP]; raise it or lower max_query_length");
        }
    }

    @Override
    public List<String> promises(Config config) {
        return OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        validate(c);
        int maxSeqLength = c.getInt("max_seq_length");
        FullTokenizer tokenizer = BertVocabulary.tokenizer(b.dependencyPath(BertChoice.FIELD), maxSeqLength, NAME);
        SquadConverter converter = new SquadConverter(tokenizer, maxSeqLength, c.getInt("doc_stride"), c.getInt("max_query_length"));
        Path squad = b.dependencyPath(SQUAD);
        b.log("converting SQuAD (do_lower_case=" + tokenizer.doLowerCase() + ", max_seq_length=" + maxSeqLength + ")");
        b.progress(0, "train");
        Counts train = write(converter, squad.resolve("train.jsonl"), b.out(), "train", true, b);
        b.progress(0.8, "dev");
        Counts dev = write(converter, squad.resolve("dev.jsonl"), b.out(), "dev", false, b);
        Files.copy(squad.resolve("dev.jsonl"), b.out().resolve("dev.jsonl"));
        ObjectNode f = Json.mapper().createObjectNode();
        f.put("task", "squad");
        f.put("version", "1.1");
        f.put("max_seq_length", maxSeqLength);
        f.put("doc_stride", c.getInt("doc_stride"));
        f.put("max_query_length", c.getInt("max_query_length"));
        f.put("do_lower_case", tokenizer.doLowerCase());
        ObjectNode questions = f.putObject("questions");
        questions.put("train", train.questions);
        questions.put("dev", dev.questions);
        ObjectNode windows = f.putObject("counts");
        windows.put("train", train.windows);
        windows.put("dev", dev.windows);
        f.put("skipped_train", train.skipped); // answer not found at its offset: run_squad.py skips these
        JsonFiles.write(b.out().resolve("features.json"), f);
        b.log("wrote " + windows + " windows for " + questions + " questions; skipped " + train.skipped + " train questions");
        b.progress(1, "done");
    }

    /** What one split gave. */
    static final class Counts {
        long questions;
        long windows;
        long skipped;
    }

    /** Converts one split; dev also gets the window metadata prediction needs. */
    static Counts write(SquadConverter converter, Path jsonl, Path out, String split, boolean training, BuildContext b)
            throws IOException {
        Counts n = new Counts();
        long uniqueId = SquadConverter.FIRST_UNIQUE_ID;
        try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8);
                TfRecordWriter records = new TfRecordWriter(out.resolve(split + ".tfrecord"));
                BufferedWriter meta = training ? null : Files.newBufferedWriter(out.resolve(split + "_features.jsonl"), StandardCharsets.UTF_8)) {
            int index = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if ((index & 255) == 0) {
                    b.checkCancelled();
                }
                JsonNode q = Json.mapper().readTree(line);
                SquadExample example = SquadExample.fromJson(q);
                n.questions++;
                if (training && !example.hasAnswerSpan()) {
                    n.skipped++;
                    continue;
                }
                for (SquadFeature f : converter.convert(example, index, uniqueId, training)) {
                    records.write(f.toExample());
                    if (meta != null) {
                        meta.write(LINE.writeValueAsString(f.metadata()));
                        meta.write('\n');
                    }
                    uniqueId++;
                    n.windows++;
                }
                index++;
            }
        }
        return n;
    }
}
