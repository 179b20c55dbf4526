package org.stagedml.dataset.translation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * {@code wmt pair=<en-de|de-en|en-ru|ru-en> corpora=<names>}: a WMT language pair in the
 * parallel-jsonl layout. train: the named training corpora ({@link WmtSources}; those without the pair
 * are left out, e.g. europarl_v7 for Russian) concatenated in the order named, each side stripped,
 * pairs with an empty side skipped; dev: newstest2013; test: newstest2014 (the set the Transformer
 * paper reports, for en-de and en-ru alike). Ids are {@code <corpus>-<line>} (1-based line in the
 * published files) and {@code newstest2014-<k>} (k-th segment).
 */
@Component(service = Stage.class)
@StageProperties(name = WmtStage.NAME, version = 1,
        description = "a WMT language pair: training corpora, newstest2013 dev, newstest2014 test, as parallel JSON lines")
public class WmtStage extends ParallelCorpusStage {
    public static final String NAME = "wmt";
    static final String PAIR = "pair";
    static final String CORPORA = "corpora";
    /** WMT14 en-de as Vaswani et al. trained on it (about 4.5M pairs). */
    static final String DEFAULT_CORPORA = "europarl_v7,commoncrawl,newscommentary_v9";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.choice(PAIR, "en-de", List.of("en-de", "de-en", "en-ru", "ru-en"), "source-target language pair"),
            FieldSpec.string(CORPORA, DEFAULT_CORPORA, "comma-separated training corpora: europarl_v7, commoncrawl,"
                    + " newscommentary_v9, newscommentary_v12 (those without the pair are left out)"));

    private final WmtSources sources;

    public WmtStage() {
        this(WmtSources.official());
    }

    public WmtStage(WmtSources sources) {
        this.sources = sources;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        Map<String, Dependency> deps = new LinkedHashMap<>();
        for (WmtCorpus c : corpora(config)) {
            deps.put(c.name(), c.dependency());
        }
        deps.put(WmtSources.NEWSTEST, sources.newstest());
        return deps;
    }

    /** The source language, the target and the non-English one of the pair. */
    record Pair(String source, String target) {
        static Pair of(Config c) {
            String[] p = c.getString(PAIR).split("-");
            return new Pair(p[0], p[1]);
        }

        String other() {
            return source.equals("en") ? target : source;
        }
    }

    /** The named corpora that hold the pair, in the order named. */
    List<WmtCorpus> corpora(Config config) {
        Pair pair = Pair.of(config);
        List<WmtCorpus> used = new ArrayList<>();
        for (String name : Arrays.stream(config.getString(CORPORA).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList()) {
            WmtCorpus c = sources.corpora().get(name);
            if (c == null) {
                throw new ConfigException("stage 'wmt': unknown corpus '" + name + "' in corpora; known: "
                        + String.join(", ", sources.corpora().keySet()));
            }
            if (c.languages().contains(pair.other())) {
                used.add(c);
            }
        }
        if (used.isEmpty()) {
            throw new ConfigException("stage 'wmt': none of corpora=" + config.getString(CORPORA) + " holds " + pair.other()
                    + "-en; for " + config.getString(PAIR) + " name one of: " + sources.corpora().values().stream()
                            .filter(c -> c.languages().contains(pair.other())).map(WmtCorpus::name).toList());
        }
        return used;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config config = b.config();
        Pair pair = Pair.of(config);
        String xx = pair.other();
        List<WmtCorpus> corpora = corpora(config);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        ObjectNode perCorpus = org.stagedml.api.Json.mapper().createObjectNode();
        // the files taken out of the archives; removed before the build returns (never an output)
        Path scratch = Files.createDirectories(b.out().resolve(".scratch"));
        try {
            b.progress(0, "newstest2013 and newstest2014");
            Path devTest = fetchedFile(b, WmtSources.NEWSTEST);
            Map<String, Path> wanted = new LinkedHashMap<>();
            for (String lang : List.of(pair.source(), pair.target())) {
                wanted.put(WmtSources.devEntry(lang), scratch.resolve("dev." + lang));
                wanted.put(WmtSources.testEntry(xx, lang), scratch.resolve("test." + lang + ".sgm"));
            }
            TarGz.extract(devTest, wanted, "the published WMT dev/test archive (WMT19 dev.tgz)", b::cancelled);
            try (ParallelJsonl dev = new ParallelJsonl(b.out().resolve("dev.jsonl"))) {
                PairedLines.Result r = PairedLines.read(scratch.resolve("dev." + pair.source()),
                        WmtSources.devEntry(pair.source()), scratch.resolve("dev." + pair.target()),
                        WmtSources.devEntry(pair.target()), "newstest2013", b::cancelled,
                        (line, s, t) -> dev.write("newstest2013-" + line, s, t));
                counts.put("dev", dev.count());
                skipped.put("dev", r.empty());
            }
            List<String> src = Sgml.segments(scratch.resolve("test." + pair.source() + ".sgm"), "a newstest2014 SGML file");
            List<String> tgt = Sgml.segments(scratch.resolve("test." + pair.target() + ".sgm"), "a newstest2014 SGML file");
            if (src.size() != tgt.size()) {
                throw new StagedmlException(WmtSources.testEntry(xx, pair.source()) + " has " + src.size() + " segments and "
                        + WmtSources.testEntry(xx, pair.target()) + " " + tgt.size() + "; they are not the two sides of newstest2014");
            }
            long testSkipped = 0;
            try (ParallelJsonl test = new ParallelJsonl(b.out().resolve("test.jsonl"))) {
                for (int k = 0; k < src.size(); k++) {
                    if (src.get(k).isEmpty() || tgt.get(k).isEmpty()) {
                        testSkipped++;
                    } else {
                        test.write("newstest2014-" + (k + 1), src.get(k), tgt.get(k));
                    }
                }
                counts.put("test", test.count());
                skipped.put("test", testSkipped);
            }
            clear(scratch);
            long trainSkipped = 0;
            try (ParallelJsonl train = new ParallelJsonl(b.out().resolve("train.jsonl"))) {
                for (int i = 0; i < corpora.size(); i++) {
                    WmtCorpus c = corpora.get(i);
                    b.checkCancelled();
                    b.progress(0.1 + 0.9 * i / corpora.size(), c.name());
                    String sourceEntry = c.entry(xx, pair.source());
                    String targetEntry = c.entry(xx, pair.target());
                    Path s = scratch.resolve("train." + pair.source());
                    Path t = scratch.resolve("train." + pair.target());
                    Map<String, Path> files = new LinkedHashMap<>();
                    files.put(sourceEntry, s);
                    files.put(targetEntry, t);
                    TarGz.extract(fetchedFile(b, c.name()), files, "the published " + c.name() + " archive",
                            b::cancelled);
                    long before = train.count();
                    PairedLines.Result r = PairedLines.read(s, sourceEntry, t, targetEntry, "the " + c.name() + " corpus",
                            b::cancelled, (line, a, z) -> train.write(c.name() + "-" + line, a, z));
                    trainSkipped += r.empty();
                    perCorpus.put(c.name(), train.count() - before);
                    b.log(c.name() + ": " + r.lines() + " lines, " + (train.count() - before) + " pairs, " + r.empty()
                            + " with an empty side skipped");
                    clear(scratch);
                }
                counts.put("train", train.count());
                skipped.put("train", trainSkipped);
            }
        } finally {
            delete(scratch);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String split : SPLITS) {
            ordered.put(split, counts.get(split));
        }
        ObjectNode info = CorpusJson.of("wmt", pair.source(), pair.target(), ordered);
        info.put(PAIR, config.getString(PAIR));
        info.set("train_corpora", perCorpus);
        info.put("dev_set", "newstest2013");
        info.put("test_set", "newstest2014");
        ObjectNode s = info.putObject("skipped");
        skipped.forEach(s::put);
        CorpusJson.write(b.out(), info);
        b.log("wmt " + config.getString(PAIR) + ": " + ordered);
        b.progress(1, "done");
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
