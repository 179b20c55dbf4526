package org.stagedml.dataset.translation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code nl2bash}: NL2Bash's English descriptions and bash commands in the parallel-jsonl layout
 * (source English, target bash). The corpus comes as two line-aligned files without a split; the
 * stage strips both sides, drops pairs with an empty side and repeats of an identical pair (so no
 * pair is in train and test at once), and splits the rest with a seeded shuffle
 * ({@link SeededSplit}). Ids are {@code nl2bash-<line>}, the pair's 1-based line in the files.
 */
@Component(service = Stage.class)
@StageProperties(name = Nl2BashStage.NAME, version = 1,
        description = "NL2Bash English/bash pairs with a seeded train/dev/test split, as parallel JSON lines")
public class Nl2BashStage extends ParallelCorpusStage {
    public static final String NAME = "nl2bash";
    static final String SEED = "seed";
    static final String DEV_FRACTION = "dev_fraction";
    static final String TEST_FRACTION = "test_fraction";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.integer(SEED, 1, "seed of the shuffle that assigns pairs to train/dev/test"),
            // the original StagedML held out 10% for evaluation and had no test split
            FieldSpec.number(DEV_FRACTION, 0.1, "share of the pairs in dev.jsonl"),
            FieldSpec.number(TEST_FRACTION, 0.1, "share of the pairs in test.jsonl (0 leaves it empty)"));

    private final Nl2BashSources sources;

    public Nl2BashStage() {
        this(Nl2BashSources.official());
    }

    public Nl2BashStage(Nl2BashSources sources) {
        this.sources = sources;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        return sources.dependencies();
    }

    static void validate(Config c) {
        double dev = c.getDouble(DEV_FRACTION);
        double test = c.getDouble(TEST_FRACTION);
        if (!(dev >= 0 && test >= 0 && dev + test < 1)) {
            throw new ConfigException("stage 'nl2bash': dev_fraction and test_fraction must be at least 0 and leave some"
                    + " pairs for train (their sum below 1), got dev_fraction=" + dev + " test_fraction=" + test);
        }
    }

    /** One normalized pair and its line in the files. */
    record Pair(int line, String nl, String cm) {
    }

    /** What normalization kept and dropped. */
    record Normalized(List<Pair> pairs, int lines, int empty, int duplicates) {
    }

    /** Pairs line k of all.nl with line k of all.cm, stripped, without empty sides and repeated pairs. */
    static Normalized normalize(List<String> nl, List<String> cm) {
        if (nl.size() != cm.size()) {
            throw new StagedmlException("nl2bash: all.nl has " + nl.size() + " lines and all.cm " + cm.size()
                    + "; they are not the paired NL2Bash files (line k of one describes line k of the other)");
        }
        List<Pair> pairs = new ArrayList<>(nl.size());
        Set<List<String>> seen = new HashSet<>();
        int empty = 0;
        int duplicates = 0;
        for (int i = 0; i < nl.size(); i++) {
            String n = nl.get(i).strip();
            String c = cm.get(i).strip();
            if (n.isEmpty() || c.isEmpty()) {
                empty++;
            } else if (!seen.add(List.of(n, c))) {
                duplicates++;
            } else {
                pairs.add(new Pair(i + 1, n, c));
            }
        }
        if (pairs.isEmpty()) {
            throw new StagedmlException("nl2bash: all.nl and all.cm hold no pair with both sides non-empty ("
                    + nl.size() + " lines); they are not the NL2Bash files");
        }
        return new Normalized(List.copyOf(pairs), nl.size(), empty, duplicates);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        validate(c);
        b.progress(0, "reading all.nl and all.cm");
        Normalized corpus = normalize(LineFiles.read(fetchedFile(b, Nl2BashSources.NL), "NL2Bash's all.nl"),
                LineFiles.read(fetchedFile(b, Nl2BashSources.CM), "NL2Bash's all.cm"));
        b.checkCancelled();
        SeededSplit split = SeededSplit.of(corpus.pairs().size(), c.getLong(SEED), c.getDouble(DEV_FRACTION),
                c.getDouble(TEST_FRACTION));
        Map<String, List<Integer>> parts = new LinkedHashMap<>();
        parts.put("train", split.train());
        parts.put("dev", split.dev());
        parts.put("test", split.test());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> part : parts.entrySet()) {
            try (ParallelJsonl out = new ParallelJsonl(b.out().resolve(part.getKey() + ".jsonl"))) {
                for (int i : part.getValue()) {
                    Pair p = corpus.pairs().get(i);
                    out.write(NAME + "-" + p.line(), p.nl(), p.cm());
                }
                counts.put(part.getKey(), out.count());
            }
        }
        ObjectNode info = CorpusJson.of(NAME, "en", "bash", counts);
        info.put("lines", corpus.lines());
        ObjectNode skipped = info.putObject("skipped");
        skipped.put("empty", corpus.empty());
        skipped.put("duplicate", corpus.duplicates());
        info.put(SEED, c.getLong(SEED));
        info.put(DEV_FRACTION, c.getDouble(DEV_FRACTION));
        info.put(TEST_FRACTION, c.getDouble(TEST_FRACTION));
        CorpusJson.write(b.out(), info);
        b.log("nl2bash: " + corpus.lines() + " lines, " + counts + ", skipped " + corpus.empty() + " with an empty side and "
                + corpus.duplicates() + " repeated pairs");
        b.progress(1, "done");
    }
}
