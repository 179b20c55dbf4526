package org.stagedml.dataset.subword.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code subword-vocab data=<parallel-jsonl stage>}: tensor2tensor's SubwordTextEncoder vocabulary
 * built from the training split's sources and targets to about {@code target_size} ids. Writes
 * {@code vocab.subwords} (read by {@link org.stagedml.dataset.subword.SubwordTokenizer#load}) and
 * {@code vocab.json} ({@code size}, {@code reserved}, and how it was built), the
 * {@link DataLayouts#SUBWORD_VOCAB} layout. The same config and data give the same bytes.
 */
@Component(service = Stage.class)
@StageProperties(name = SubwordVocabStage.NAME, version = 1,
        description = "an invertible subword vocabulary (tensor2tensor's SubwordTextEncoder) of a parallel corpus's training text")
public class SubwordVocabStage implements Stage {
    public static final String NAME = "subword-vocab";
    public static final String SUBWORDS = "vocab.subwords";
    public static final String VOCAB_JSON = "vocab.json";

    @Override
    public ConfigSchema schema() {
        return SubwordVocabSettings.SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        SubwordVocabSettings.from(config); // a bad config fails at instantiate, naming the field
        return Map.of(); // the realizer fills data with the chosen stage and the user's data.* overrides
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.SUBWORD_VOCAB);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of(SUBWORDS, VOCAB_JSON);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        SubwordVocabSettings s = SubwordVocabSettings.from(b.config());
        ParallelTrainText text = ParallelTrainText.read(b.dependencyPath(SubwordVocabSettings.DATA), s.maxChars());
        b.log(String.format("subword-vocab: %d of %d training pairs (every %d), %d characters", text.sources().size(),
                text.pairs(), text.step(), text.chars()));
        List<String> reserved = reserved(s, text, b);
        TokenCounts counts = new TokenCounts().addAll(text.texts());
        b.checkCancelled();
        b.log(String.format("subword-vocab: %d distinct tokens, %d reserved", counts.distinct(), reserved.size()));
        VocabBuilder builder = new VocabBuilder(counts.asMap(), reserved, s.iterations(), s.maxSubtokenLength())
                .listener((minCount, iteration, size) -> {
                    b.checkCancelled();
                    b.log(String.format("min_count %d, iteration %d: %d subtokens", minCount, iteration, size));
                    b.progress(Math.min(0.95, 0.1 + 0.01 * iteration), "min_count " + minCount);
                });
        VocabBuilder.Result built = s.minCount() > 0 ? new VocabBuilder.Result(builder.build(s.minCount()), s.minCount())
                : builder.buildToTargetSize(s.targetSize(), VocabBuilder.MIN_COUNT_LOW, VocabBuilder.MIN_COUNT_HIGH);
        SubtokenVocab vocab = built.vocab();
        SubwordsFile.write(b.out().resolve(SUBWORDS), vocab.subtokens());
        writeJson(b.out().resolve(VOCAB_JSON), s, text, reserved, built);
        b.log(String.format("subword-vocab: %d subtokens (target %d), alphabet %d", vocab.size(), s.targetSize(),
                vocab.alphabet().size()));
    }

    private static List<String> reserved(SubwordVocabSettings s, ParallelTrainText text, BuildContext b) {
        if (!s.bash()) {
            return s.explicitTokens();
        }
        BashReservedTokens bash = new BashReservedTokens();
        text.targets().forEach(bash::add);
        List<String> tokens = bash.tokens();
        b.log("subword-vocab: bash preset, " + tokens.size() + " command and flag names, e.g. "
                + tokens.subList(0, Math.min(10, tokens.size())));
        return tokens;
    }

    private static void writeJson(Path file, SubwordVocabSettings s, ParallelTrainText text, List<String> reserved,
            VocabBuilder.Result built) throws IOException {
        SubtokenVocab vocab = built.vocab();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", vocab.size());
        json.put("reserved", reserved);
        json.put("pad_id", 0);
        json.put("eos_id", 1);
        json.put("target_size", s.targetSize());
        json.put("min_count", built.minCount());
        json.put("alphabet", vocab.alphabet().size());
        json.put("pairs", text.pairs());
        json.put("pairs_read", text.sources().size());
        json.put("chars_read", text.chars());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
                StandardCharsets.UTF_8);
    }
}
